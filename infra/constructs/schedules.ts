import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { Construct } from 'constructs';
import type { CatalogFunction } from './catalog-function';

export interface FunctionSchedulesProps {
  /** The catalog's functions; those with a `schedule` get a rule. */
  functions: readonly CatalogFunction[];
}

/** Delivery retries of one scheduled event: Lambda throttled or unavailable (not the function's own errors). */
const DELIVERY_RETRIES = 2;
/** A failed run is tried once more by Lambda's asynchronous invocation; the next scheduled run follows anyway. */
const FUNCTION_ERROR_RETRIES = 1;

/**
 * One EventBridge rule per scheduled catalog function (`schedule: { everyMinutes }`), sending the
 * scheduled event itself (its `time` is the function's clock) to the function. A run is worth
 * delivering only until the next one is due: the event's maximum age is the interval, for
 * EventBridge's delivery retries and for Lambda's retries of a run that failed. A run that is
 * dropped costs nothing that the next run does not make up (the functions are idempotent), so no
 * dead-letter queue: the function's error and throttle alarms (monitoring.ts) report trouble.
 */
export class FunctionSchedules extends Construct {
  readonly rules: ReadonlyMap<string, events.Rule>;

  constructor(scope: Construct, id: string, props: FunctionSchedulesProps) {
    super(scope, id);
    const rules = new Map<string, events.Rule>();
    for (const fn of props.functions) {
      const schedule = fn.spec.schedule;
      if (!schedule) continue;
      const every = Duration.minutes(schedule.everyMinutes);
      // Lambda keeps an asynchronous event at most 6 hours, EventBridge retries at most 24.
      // On the published version the rule invokes (asynchronous settings are per qualifier).
      fn.version.configureAsyncInvoke({ retryAttempts: FUNCTION_ERROR_RETRIES, maxEventAge: atMost(every, Duration.hours(6)) });
      const rule = new events.Rule(this, fn.spec.name, {
        description: `Runs ${fn.spec.name} every ${schedule.everyMinutes} minute(s)`,
        schedule: events.Schedule.rate(every),
        targets: [new targets.LambdaFunction(fn.version, { retryAttempts: DELIVERY_RETRIES, maxEventAge: atMost(every, Duration.hours(24)) })],
      });
      rules.set(fn.spec.name, rule);
    }
    this.rules = rules;
  }
}

const atMost = (duration: Duration, limit: Duration): Duration => (duration.toSeconds() > limit.toSeconds() ? limit : duration);
