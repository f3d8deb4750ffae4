import { GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import type { TestTwin } from './twin';
import { eventually } from './twin';

export async function historyOf(twin: TestTwin, executionArn: string): Promise<HistoryEvent[]> {
  const { events = [] } = await twin.sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
  return events;
}

/** The history once `done` holds for it (e.g. the execution ended, or reached a state). */
export function historyWhen(twin: TestTwin, executionArn: string, done: (events: HistoryEvent[]) => boolean, timeoutMs = 20_000) {
  return eventually(async () => {
    const events = await historyOf(twin, executionArn);
    return done(events) ? events : undefined;
  }, timeoutMs);
}

export const ended = (events: HistoryEvent[]) => events.some((e) => e.type === 'ExecutionSucceeded' || e.type === 'ExecutionFailed');

/** The state names entered, in order. */
export const statesEntered = (events: HistoryEvent[]) =>
  events.filter((e) => e.type?.endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails?.name);

/** True once the named waitForTaskToken state has handed its token out and waits. */
export const waitingIn = (state: string) => (events: HistoryEvent[]) => {
  const lastEntered = events.filter((e) => e.type?.endsWith('StateEntered')).at(-1);
  return lastEntered?.stateEnteredEventDetails?.name === state && events.at(-1)?.type === 'TaskSubmitted';
};
