import * as z from 'zod';
import { ONBOARDING_ID_PATTERN } from '../domain/ids';

/** Fields the ASL passes to steps; each step's payload schema is built from these. */
export const onboardingIdField = z.string().regex(ONBOARDING_ID_PATTERN);
export const versionField = z.number().int().min(1).max(1000);
export const countField = z.number().int().min(0).max(20);
/** Step Functions task tokens are opaque; bound the size so a bad payload cannot bloat a write. */
export const taskTokenField = z.string().min(1).max(8192);
/** `$$.State.EnteredTime`: the instant the state began, the only clock a step reads. */
export const enteredTimeField = z.iso.datetime({ offset: true });
/** `tkt-<onboarding ULID>-<incident number>`. */
export const ticketIdField = z.string().regex(/^tkt-[0-9A-HJKMNP-TV-Z]{26}-\d{2}$/);
/** Policy durations the ASL passes on (seconds). */
export const secondsField = z.number().int().min(1).max(31_536_000);
