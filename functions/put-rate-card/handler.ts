import { rateCardSchema } from '../domain/rate-card';
import { storeRateCard } from '../adapters/dynamodb/rate-card-repository';
import { parseJsonBody } from '../shared/http/request';
import { json, staffHandler } from '../shared/http/http-handler';
import { logger } from '../shared/observability';

/** PUT /rate-card (admin): the whole card; agreements already drafted keep their snapshot. */
export const handler = staffHandler(async ({ event, caller }) => {
  const rateCard = parseJsonBody(event, rateCardSchema);
  const stored = await storeRateCard(rateCard, caller.email, new Date().toISOString());
  logger.info('rate card replaced', { version: stored.version });
  return json(200, stored);
});
