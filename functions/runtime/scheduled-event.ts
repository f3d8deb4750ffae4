import { eventBridgeEventSchema } from './eventbridge-event';
import * as z from 'zod';

/**
 * The EventBridge scheduled event, as a rule with a rate schedule delivers it (and the twin's
 * interval imitates it). Its `time` is a sweep's only clock: AWS sends it to the second
 * ("2026-12-01T10:05:00Z"), in UTC.
 */
export const scheduledEventSchema = eventBridgeEventSchema.extend({
  'detail-type': z.literal('Scheduled Event'),
  source: z.literal('aws.events'),
  time: z.iso.datetime(),
});
export type ScheduledEvent = z.output<typeof scheduledEventSchema>;
