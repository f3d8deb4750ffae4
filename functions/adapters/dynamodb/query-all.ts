import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { rethrowTransient } from '../../runtime/errors';
import { documentClient } from './client';

/**
 * Every item one Query matches, page by page (DynamoDB stops a page at 1 MB): for one onboarding's
 * partition and for the sweeps' key ranges, which are small. Lists that staff page through use
 * their own cursor instead.
 */
export async function queryAllItems(input: Omit<QueryCommandInput, 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let exclusiveStartKey: Record<string, unknown> | undefined;
  try {
    do {
      const page = await documentClient.send(new QueryCommand({ ...input, ExclusiveStartKey: exclusiveStartKey }));
      items.push(...(page.Items ?? []));
      exclusiveStartKey = page.LastEvaluatedKey;
    } while (exclusiveStartKey);
  } catch (error) {
    rethrowTransient('DynamoDB', error);
  }
  return items;
}
