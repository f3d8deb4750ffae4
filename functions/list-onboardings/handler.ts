import { onboardingListQuerySchema } from '../domain/list-queries';
import { listOnboardings } from '../adapters/dynamodb/onboarding-repository';
import { parseQuery } from '../runtime/http/request';
import { staffHandler, json } from '../runtime/http/http-handler';
import { summarize } from './summary';

/** GET /onboardings (staff): newest first, `?status=&limit=&cursor=`. */
export const handler = staffHandler(async ({ event }) => {
  const query = parseQuery(event, onboardingListQuerySchema);
  const page = await listOnboardings(query);
  return json(200, { items: page.items.map(summarize), nextCursor: page.nextCursor ?? null });
});
