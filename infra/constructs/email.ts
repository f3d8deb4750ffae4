import * as iam from 'aws-cdk-lib/aws-iam';
import * as ses from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import type { StageConfig } from '../stage-config';

/** "Break & Fix <onboarding@example.nl>" → "onboarding@example.nl"; a bare address stays as it is. */
export function mailboxOf(senderAddress: string): string {
  const mailbox = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(senderAddress)?.[1] ?? senderAddress.trim();
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(mailbox)) {
    throw new Error(`senderAddress "${senderAddress}" does not contain an e-mail address`);
  }
  return mailbox;
}

/**
 * The stage's SES sender identity. Verification is a click in the mail SES sends to the address
 * after deploy; until then (and while the account is in the SES sandbox) sending fails.
 */
export class OnboardingEmail extends Construct {
  readonly identity: ses.EmailIdentity;

  constructor(scope: Construct, id: string, props: { stage: StageConfig }) {
    super(scope, id);
    this.identity = new ses.EmailIdentity(this, 'SenderIdentity', {
      identity: ses.Identity.email(mailboxOf(props.stage.senderAddress)),
    });
  }

  /** Only ses:SendEmail (the SES v2 API's action) and only from this identity. */
  grantSend(grantee: iam.IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: ['ses:SendEmail'], resources: [this.identity.emailIdentityArn] }),
    );
  }
}
