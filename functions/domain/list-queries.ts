import * as z from 'zod';
import { ONBOARDING_STATUSES } from './lifecycle';
import { TICKET_STATUSES } from './ticket';

/** `limit` (default 20, at most 100) and an opaque `cursor`, shared by every list route. */
export const paginationQuery = {
  limit: z.coerce
    .number()
    .int('A whole number')
    .min(1, 'At least 1')
    .max(100, 'At most 100')
    .default(20)
    .meta({ description: 'Items per page, 1–100.' }),
  cursor: z
    .string()
    .min(1)
    .max(2048)
    .optional()
    .meta({ description: "The previous page's `nextCursor`, as it was given: opaque, valid only for the same list and filters." }),
};

/** GET /onboardings: newest first, optionally in one status. */
export const onboardingListQuerySchema = z.strictObject({
  status: z.enum(ONBOARDING_STATUSES).optional().meta({ description: 'Only onboardings in this status.' }),
  ...paginationQuery,
});

/** GET /tickets: one technician's tickets (`me`, or any technician's id for an admin), oldest first. */
export const ticketListQuerySchema = z.strictObject({
  assignee: z
    .string({ error: 'Required: me, or a technician id (admins)' })
    .min(1, 'Required: me, or a technician id (admins)')
    .max(64)
    .meta({ description: '`me` (the technician added with the token\'s e-mail address), or a technician id (`tech-…`, admins only).' }),
  status: z.enum(TICKET_STATUSES).optional().meta({ description: 'Only tickets in this status.' }),
  ...paginationQuery,
});

/** GET /technicians: in the order they were added. */
export const technicianListQuerySchema = z.strictObject(paginationQuery);
