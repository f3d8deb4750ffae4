import { randomUUID } from 'node:crypto';
import { functionLimits, scheduledFunctions, type FunctionSpec } from '../../functions/catalog';
import { createLambdaContext } from './lambda-context';
import { loadHandler, withinTimeout, type LambdaHandler } from './lambda-runtime';
import { LOCAL_ACCOUNT_ID } from './local-aws';
import { TWIN_VERSION } from './stepfunctions/arns';

/** A scheduled function the twin runs on an interval. */
export interface RunningSchedule {
  name: string;
  /** Seconds between runs here. */
  everySeconds: number;
  /** Minutes between runs on AWS (the catalog's schedule, an EventBridge rate rule). */
  everyMinutesOnAws: number;
}

/** The event an EventBridge rate rule delivers: `time` in UTC to the second, as AWS sends it. */
export function scheduledEvent(input: { at: Date; region: string; ruleName: string; accountId?: string }) {
  const account = input.accountId ?? LOCAL_ACCOUNT_ID;
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account,
    time: input.at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: input.region,
    resources: [`arn:aws:events:${input.region}:${account}:rule/${input.ruleName}`],
    detail: {},
  };
}

export interface ScheduleOptions {
  region: string;
  /** Run every scheduled function this often instead of its catalog interval (a person walking the flow). */
  everySeconds?: number;
  load?: (spec: FunctionSpec) => Promise<LambdaHandler>;
  /** Where a failed run is reported. Default: a JSON line on stderr. */
  logError?: (entry: { source: 'scheduler'; function: string; time: string; errorType: string; message: string }) => void;
}

/**
 * The twin's EventBridge rules: an interval per scheduled catalog function, invoking its handler
 * in-process with a scheduled event whose `time` is the wall clock, as AWS's would be. A run still
 * going when the next is due is not started twice; a failing run is logged and never stops the
 * twin. close() clears the intervals and waits for a run in progress.
 */
export function startSchedules(options: ScheduleOptions): { schedules: RunningSchedule[]; close(): Promise<void> } {
  const load = options.load ?? loadHandler;
  const logError = options.logError ?? ((entry) => process.stderr.write(`${JSON.stringify(entry)}\n`));
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<void>>();
  const schedules: RunningSchedule[] = [];

  for (const spec of scheduledFunctions()) {
    const everyMinutesOnAws = spec.schedule!.everyMinutes;
    const everySeconds = options.everySeconds ?? everyMinutesOnAws * 60;
    if (!Number.isFinite(everySeconds) || everySeconds <= 0) throw new Error(`${spec.name}: a schedule needs a positive interval, got ${everySeconds} s`);
    let handler: Promise<LambdaHandler> | undefined;
    let running = false;
    const run = async (event: ReturnType<typeof scheduledEvent>) => {
      handler ??= load(spec);
      const loaded = await handler;
      // The rule targets the published version, as on AWS; the clock starts once the module has loaded.
      const { timeoutSeconds, memoryMb } = functionLimits(spec);
      const context = createLambdaContext({
        functionName: spec.name,
        timeoutSeconds,
        memoryMb,
        region: options.region,
        accountId: LOCAL_ACCOUNT_ID,
        version: TWIN_VERSION,
        qualifier: TWIN_VERSION,
      });
      await withinTimeout(() => loaded(event, context), timeoutSeconds, context);
    };
    const tick = () => {
      if (running) return;
      running = true;
      const event = scheduledEvent({ at: new Date(), region: options.region, ruleName: `${spec.name}-schedule` });
      const done = run(event)
        .catch((error: unknown) => {
          const err = error instanceof Error ? error : new Error(String(error));
          logError({ source: 'scheduler', function: spec.name, time: event.time, errorType: err.name, message: err.message });
        })
        .finally(() => {
          running = false;
          inFlight.delete(done);
        });
      inFlight.add(done);
    };
    const timer = setInterval(tick, everySeconds * 1000);
    // The servers keep `npm start` alive; a test process must not wait on a schedule to exit.
    timer.unref();
    timers.push(timer);
    schedules.push({ name: spec.name, everySeconds, everyMinutesOnAws });
  }

  return {
    schedules,
    async close() {
      for (const timer of timers) clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}
