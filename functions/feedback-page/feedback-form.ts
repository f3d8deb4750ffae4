import { FEEDBACK_COMMENT_MAX_LENGTH, FEEDBACK_SCORES, type FeedbackScore } from '../domain/client-link';
import { feedbackJsonSchema, fieldNames } from '../domain/client-forms';
import type { Locale } from '../domain/intake';
import { normalizeLineBreaks } from '../runtime/http/form-body';
import type { FeedbackFormError, FeedbackFormValues } from '../templates/pages/feedback-page';
import { FEEDBACK_PAGE_TEXT } from '../templates/pages/feedback-page-text';

/** The fields feedback has (score, comment): those the OpenAPI document describes. */
export const FEEDBACK_FIELDS: ReadonlySet<string> = fieldNames(feedbackJsonSchema);

export interface FeedbackInput {
  score: FeedbackScore;
  comment?: string;
}

/** Control characters other than a line break (a comment may have several lines, nothing else invisible). */
const CONTROL = /(?!\n)\p{Cc}/u;

/**
 * The score is required, a whole number 1–5 (a form's "4" or JSON's 4); the comment is optional,
 * at most FEEDBACK_COMMENT_MAX_LENGTH characters after trimming, without control characters
 * except line breaks. Messages in the client's language, one per field.
 */
export function validateFeedback(fields: Record<string, unknown>, locale: Locale): { input: FeedbackInput; errors?: undefined } | { errors: FeedbackFormError[]; values: FeedbackFormValues } {
  const messages = FEEDBACK_PAGE_TEXT[locale].messages;
  const errors: FeedbackFormError[] = [];
  const raw = fields.score;
  const candidate = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\s*\d\s*$/.test(raw) ? Number(raw) : Number.NaN;
  const score = (FEEDBACK_SCORES as readonly number[]).includes(candidate) ? (candidate as FeedbackScore) : undefined;
  if (score === undefined) errors.push({ field: 'score', message: messages.scoreRequired });

  const given = fields.comment;
  const comment = typeof given === 'string' ? normalizeLineBreaks(given).trim() : '';
  if (given !== undefined && given !== null && typeof given !== 'string') errors.push({ field: 'comment', message: messages.commentInvalid });
  else if (comment.length > FEEDBACK_COMMENT_MAX_LENGTH) errors.push({ field: 'comment', message: messages.commentTooLong });
  else if (CONTROL.test(comment)) errors.push({ field: 'comment', message: messages.commentInvalid });

  if (errors.length > 0 || score === undefined) return { errors, values: { score: typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '', comment } };
  return { input: { score, ...(comment ? { comment } : {}) } };
}
