import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { CatalogFunction } from './catalog-function';
import type { OnboardingEmail } from './email';

/** The EventBridge detail types of the events the configuration set publishes (BOUNCE, COMPLAINT, REJECT). */
export const SES_EVENT_DETAIL_TYPES = ['Email Bounced', 'Email Complaint Received', 'Email Rejected'] as const;

/** Delivery retries of one event when Lambda is throttled or unavailable. */
const DELIVERY_RETRIES = 8;
/** A handler run that failed is tried again by Lambda's asynchronous invocation (the handler is idempotent). */
const FUNCTION_ERROR_RETRIES = 2;

export interface EmailEventsProps {
  email: OnboardingEmail;
  /** The function that suppresses the addresses and tells the people concerned (HandleEmailEvent). */
  handler: CatalogFunction;
}

/**
 * SES publishes the configuration set's bounces, complaints and rejects to the default event bus;
 * this rule sends exactly those (of this stack's set, not another stage's in the same account) to
 * the handler (its suppression grant comes with its catalog grants).
 */
export class EmailEvents extends Construct {
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: EmailEventsProps) {
    super(scope, id);
    const { email, handler } = props;
    // A lost bounce would leave an address that keeps bouncing: retry long (Lambda keeps an async event 6 h at most).
    // On the published version the rule invokes, as every trigger does (asynchronous settings are per qualifier).
    handler.version.configureAsyncInvoke({ retryAttempts: FUNCTION_ERROR_RETRIES, maxEventAge: Duration.hours(6) });
    this.rule = new events.Rule(this, 'Rule', {
      description: 'SES bounces, complaints and rejects of this stage\'s configuration set → HandleEmailEvent',
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...SES_EVENT_DETAIL_TYPES],
        // SES adds the set's name as the tag ses:configuration-set on every event it publishes.
        detail: { mail: { tags: { 'ses:configuration-set': [email.configurationSet.configurationSetName] } } },
      },
      targets: [new targets.LambdaFunction(handler.version, { retryAttempts: DELIVERY_RETRIES, maxEventAge: Duration.hours(24) })],
    });
  }
}
