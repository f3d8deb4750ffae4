import { currentRateCard } from '../adapters/dynamodb/rate-card-repository';
import { json, staffHandler } from '../runtime/http/http-handler';

/** GET /rate-card (staff). */
export const handler = staffHandler(async () => json(200, await currentRateCard()));
