import { CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { StageConfig } from '../stage-config';
import { senderDnsRecords, type SenderDnsRecord } from './email-dns';

/** "Break & Fix <onboarding@example.nl>" → "onboarding@example.nl"; a bare address stays as it is. */
export function mailboxOf(senderAddress: string): string {
  const mailbox = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(senderAddress)?.[1] ?? senderAddress.trim();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(mailbox)) {
    throw new Error(`senderAddress "${senderAddress}" does not contain an e-mail address`);
  }
  return mailbox;
}

/** The subdomain bounces return through (SPF alignment for DMARC): `mail.<senderDomain>`. */
export const MAIL_FROM_SUBDOMAIN = 'mail';

/** The delivery problems worth acting on: hard bounces (and soft ones SES gave up on), complaints, rejects. */
export const PUBLISHED_EVENT_TYPES = [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.REJECT] as const;

/**
 * The stage's SES sending: the sender identity, and the configuration set every send names.
 *
 * Without `senderDomain` the identity is the sender's address (a click in the mail SES sends
 * after deploy verifies it: good for trying it out). With `senderDomain` it is the domain, with
 * Easy DKIM and a custom MAIL FROM; the DNS records to create are the stack's outputs. Either
 * way, while the account is in the SES sandbox it can only send to verified addresses.
 */
export class OnboardingEmail extends Construct {
  readonly identity: ses.EmailIdentity;
  /** Named on every send: reputation metrics, and bounces, complaints and rejects to EventBridge. */
  readonly configurationSet: ses.ConfigurationSet;
  /** The records to create in the sender domain's DNS (empty without `senderDomain`). */
  readonly dnsRecords: readonly SenderDnsRecord[];

  constructor(scope: Construct, id: string, props: { stage: StageConfig }) {
    super(scope, id);
    const { stage } = props;
    // No configurationSetName: CloudFormation names it, so a second stack (or a redeploy after a
    // failed one) never collides, and the set goes with the stack.
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
    });
    this.configurationSet.addEventDestination('ToEventBridge', {
      // SES publishes to the default bus only; a rule there picks the events up (email-events.ts).
      destination: ses.EventDestination.eventBus(events.EventBus.fromEventBusName(this, 'DefaultBus', 'default')),
      events: [...PUBLISHED_EVENT_TYPES],
    });

    if (stage.senderDomain) {
      const mailFromDomain = `${MAIL_FROM_SUBDOMAIN}.${stage.senderDomain}`;
      this.identity = new ses.EmailIdentity(this, 'SenderDomainIdentity', {
        identity: ses.Identity.domain(stage.senderDomain),
        // Easy DKIM (2048-bit keys SES rotates) is the default for a domain identity; stated for the reader.
        dkimSigning: true,
        dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
        mailFromDomain,
        // Until the MX record exists, SES sends with its own amazonses.com MAIL FROM rather than refusing.
        mailFromBehaviorOnMxFailure: ses.MailFromBehaviorOnMxFailure.USE_DEFAULT_VALUE,
        configurationSet: this.configurationSet,
      });
      this.dnsRecords = senderDnsRecords({ identity: this.identity, mailFromDomain, region: Stack.of(this).region });
      for (const record of this.dnsRecords) {
        // Stable output names (SenderDkim1Record, …): `cdk deploy --outputs-file` hands them to whoever edits DNS.
        new CfnOutput(this, record.id, {
          key: `${record.id}Record`,
          description: `${record.type} record to create in DNS: ${record.purpose}`,
          value: `${record.name} ${record.type} ${record.value}`,
        });
      }
    } else {
      this.identity = new ses.EmailIdentity(this, 'SenderIdentity', {
        identity: ses.Identity.email(mailboxOf(stage.senderAddress)),
        configurationSet: this.configurationSet,
      });
      this.dnsRecords = [];
    }
    new CfnOutput(this, 'ConfigurationSetName', { key: 'SesConfigurationSetName', value: this.configurationSet.configurationSetName });
  }

  /** The configuration set's ARN: SES v2 SendEmail naming a set is authorized on it as well. */
  get configurationSetArn(): string {
    return Stack.of(this).formatArn({ service: 'ses', resource: 'configuration-set', resourceName: this.configurationSet.configurationSetName });
  }

  /**
   * Only ses:SendEmail (the SES v2 API's action), only from this identity and only through this
   * configuration set: SES authorizes a send on both the identity and the set it names.
   */
  grantSend(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [this.identity.emailIdentityArn, this.configurationSetArn] }),
    );
  }

  /**
   * Puts addresses on (and reads) the account-level suppression list. SES offers no resource for
   * these actions, so the statement's resource is "*", acknowledged on the role with that reason.
   */
  grantSuppression(role: iam.Role): void {
    role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...SUPPRESSION_ACTIONS], resources: ['*'] }));
    Validations.of(role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: SUPPRESSION_WILDCARD_REASON });
  }
}

export const SUPPRESSION_ACTIONS = ['ses:PutSuppressedDestination', 'ses:GetSuppressedDestination'] as const;

/** Why the suppression grant's resource is "*", for cdk-nag's IAM5. */
export const SUPPRESSION_WILDCARD_REASON =
  'ses:PutSuppressedDestination and ses:GetSuppressedDestination act on the account-level suppression list, ' +
  'which has no ARN: the Service Authorization Reference lists no resource type for them, so "*" is the only resource.';
