import * as z from 'zod';
import { businessCalendar, type BusinessCalendar } from '../domain/business-hours';
import { ENV, requireEnv } from '../runtime/env';

const closedDays = z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/));

/** The stage's business-hours calendar (EXTRA_CLOSED_DAYS), read once when the container starts. */
export const CALENDAR: BusinessCalendar = businessCalendar(closedDays.parse(JSON.parse(requireEnv(ENV.extraClosedDays))));
