import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { rethrowTransient } from '../../runtime/errors';
import { sfn } from './client';


const PAGE_SIZE = 200;
/** Enough to pass a failed round of 25 tickets back to the step before it; the walk stops far earlier. */
const MAX_PAGES = 10;

const enteredName = (event: HistoryEvent): string | undefined =>
  event.type?.endsWith('StateEntered') ? event.stateEnteredEventDetails?.name : undefined;

/**
 * The names of the states an execution entered, newest first, read from its history in reverse
 * order (grant: executionHistory) until `enough` says so. Without execution data: the history's
 * inputs and outputs may hold task tokens and personal data, and only the names are needed.
 */
export async function statesEnteredNewestFirst(executionArn: string, enough: (names: readonly string[]) => boolean): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  try {
    const { sdk, client } = await sfn();
    for (let page = 0; page < MAX_PAGES; page++) {
      const answer = await client.send(
        new sdk.GetExecutionHistoryCommand({ executionArn, reverseOrder: true, includeExecutionData: false, maxResults: PAGE_SIZE, nextToken }),
      );
      for (const event of answer.events ?? []) {
        const name = enteredName(event);
        if (name) names.push(name);
      }
      nextToken = answer.nextToken;
      if (!nextToken || enough(names)) break;
    }
  } catch (error) {
    rethrowTransient('Step Functions', error);
  }
  return names;
}
