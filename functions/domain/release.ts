import * as z from 'zod';
import { TEXT_BOUNDS } from './size-budget';
import { text } from './text-fields';

/** POST /onboardings/{id}/agreement/release: no body, or an optional comment. */
export const releaseSchema = z.strictObject({ comment: text(TEXT_BOUNDS.releaseComment).optional() });

/** POST /onboardings/{id}/agreement/return: why the offer goes back to the analysts. */
export const returnSchema = z.strictObject({ comment: text(TEXT_BOUNDS.releaseComment) });
