import { rateCardSchema } from '../domain/rate-card';
import { storeRateCard } from '../adapters/dynamodb/rate-card-repository';
import { parseJsonBody } from '../runtime/http/request';
import { json, staffHandler } from '../runtime/http/http-handler';
import { logger } from '../runtime/observability';

/** PUT /rate-card (admin): the whole card; agreements already drafted keep their snapshot. */
export const handler = staffHandler(async ({ event, caller }) => {
  const rateCard = parseJsonBody(event, rateCardSchema);
  const stored = await storeRateCard(rateCard, caller.email, new Date().toISOString());
  logger.info('rate card replaced', { version: stored.version });
  return json(200, stored);
});
