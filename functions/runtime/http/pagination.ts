import { z } from 'zod';

/** `limit` (default 20, at most 100) and an opaque `cursor`, shared by every list route. */
export const paginationQuery = {
  limit: z.coerce.number().int('A whole number').min(1, 'At least 1').max(100, 'At most 100').default(20),
  cursor: z.string().min(1).max(2048).optional(),
};
