import { z } from 'zod';
import { ONBOARDING_STATUSES } from '../domain/onboarding';
import { listOnboardings } from '../adapters/dynamodb/onboarding-repository';
import { parseQuery } from '../runtime/http/request';
import { staffHandler, json } from '../runtime/http/http-handler';
import { paginationQuery } from '../runtime/http/pagination';
import { summarize } from './summary';

const querySchema = z.strictObject({ status: z.enum(ONBOARDING_STATUSES).optional(), ...paginationQuery });

/** GET /onboardings (staff): newest first, `?status=&limit=&cursor=`. */
export const handler = staffHandler(async ({ event }) => {
  const query = parseQuery(event, querySchema);
  const page = await listOnboardings(query);
  return json(200, { items: page.items.map(summarize), nextCursor: page.nextCursor ?? null });
});
