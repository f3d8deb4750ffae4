import { eventBridgeEventSchema } from '../runtime/eventbridge-event';
import * as z from 'zod';
import type { SesSendingEvent } from '../domain/delivery-problem';
import { ONBOARDING_TAG } from '../adapters/ses/message-tags';

const recipients = z.array(z.object({ emailAddress: z.string().min(3).max(320) })).min(1);

/** What every SES event carries about the message; SES adds more (headers, destination), left unread. */
const mailSchema = z.object({
  messageId: z.string().min(1).max(200),
  timestamp: z.string(),
  /** The message's tags, each a list: ours (`onboardingId`) and SES's own (`ses:configuration-set`, …). */
  tags: z.record(z.string(), z.array(z.string())).optional(),
});

const bounceDetail = z.object({
  eventType: z.literal('Bounce'),
  mail: mailSchema,
  bounce: z.object({
    bounceType: z.string().min(1),
    bounceSubType: z.string().min(1),
    bouncedRecipients: recipients,
    timestamp: z.string(),
  }),
});

const complaintDetail = z.object({
  eventType: z.literal('Complaint'),
  mail: mailSchema,
  complaint: z.object({
    complainedRecipients: recipients,
    timestamp: z.string(),
    complaintFeedbackType: z.string().optional(),
  }),
});

const rejectDetail = z.object({
  eventType: z.literal('Reject'),
  mail: mailSchema,
  reject: z.object({ reason: z.string() }),
});

/**
 * An SES sending event as the default event bus delivers it: the configuration set's event
 * destination publishes BOUNCE ("Email Bounced"), COMPLAINT ("Email Complaint Received") and
 * REJECT ("Email Rejected"); `detail` is SES's event record.
 */
export const sesEventSchema = eventBridgeEventSchema.extend({
  source: z.literal('aws.ses'),
  'detail-type': z.enum(['Email Bounced', 'Email Complaint Received', 'Email Rejected']),
  detail: z.discriminatedUnion('eventType', [bounceDetail, complaintDetail, rejectDetail]),
});
export type SesEventBridgeEvent = z.output<typeof sesEventSchema>;

/** The event as the use case reads it: the message, its onboarding (from our tag) and the recipients concerned. */
export function sendingEventOf(event: SesEventBridgeEvent): SesSendingEvent {
  const { detail } = event;
  const onboardingId = detail.mail.tags?.[ONBOARDING_TAG]?.[0];
  const common = { messageId: detail.mail.messageId, ...(onboardingId ? { onboardingId } : {}) };
  switch (detail.eventType) {
    case 'Bounce':
      return {
        ...common,
        eventType: 'Bounce',
        bounceType: detail.bounce.bounceType,
        bounceSubType: detail.bounce.bounceSubType,
        at: detail.bounce.timestamp,
        recipients: detail.bounce.bouncedRecipients.map((recipient) => recipient.emailAddress),
      };
    case 'Complaint':
      return {
        ...common,
        eventType: 'Complaint',
        ...(detail.complaint.complaintFeedbackType ? { feedbackType: detail.complaint.complaintFeedbackType } : {}),
        at: detail.complaint.timestamp,
        recipients: detail.complaint.complainedRecipients.map((recipient) => recipient.emailAddress),
      };
    case 'Reject':
      return { ...common, eventType: 'Reject', reason: detail.reject.reason };
  }
}
