import * as z from 'zod';
import { FEEDBACK_COMMENT_MAX_LENGTH, FEEDBACK_SCORES } from './client-link';
import { TEXT_BOUNDS } from './size-budget';

/*
 * The bodies of the public pages' POSTs that are checked by hand, field by field, with messages
 * in the client's language (functions/decide-agreement/decision-form.ts and
 * functions/feedback-page/feedback-form.ts): their fields, as the form posts them and as a JSON
 * client sends them. The handlers take their field names from these schemas; the OpenAPI
 * document (functions/contract/) describes the bodies with them. The problem page's body is the
 * domain's clientProblemSchema itself (problem.ts).
 */

const DECISIONS = ['approve', 'decline', 'request-changes'] as const;

const decisionFields = {
  name: z
    .string()
    .trim()
    .min(1)
    .max(TEXT_BOUNDS.decisionName.chars)
    .regex(/^[^\p{Cc}]*$/u)
    .meta({ description: 'The full name of the person who decides for the client.' }),
  decision: z.enum(DECISIONS).meta({ description: '`request-changes` only while the agreement still allows changes.' }),
  comment: z
    .string()
    .trim()
    .max(TEXT_BOUNDS.decisionComment.chars)
    .optional()
    .meta({ description: 'Required when the decision is `decline` or `request-changes`.' }),
};

/** POST /agreements/{token} as JSON: consent is the JSON value `true`, and unknown members are refused. */
export const decisionJsonSchema = z.strictObject({
  ...decisionFields,
  consent: z.literal(true).meta({ description: 'The client has read the agreement and may decide for the company.' }),
});

/** POST /agreements/{token} from the confirm page's form: the checkbox sends "yes"; other fields are ignored. */
export const decisionFormSchema = z.object({
  ...decisionFields,
  consent: z.literal('yes').meta({ description: 'The confirm page\'s checkbox.' }),
});

const SCORE_TEXT = new RegExp(`^\\s*[${FEEDBACK_SCORES.join('')}]\\s*$`);
const scoreNumber = z
  .number()
  .int()
  .min(Math.min(...FEEDBACK_SCORES))
  .max(Math.max(...FEEDBACK_SCORES));
const scoreText = z.string().regex(SCORE_TEXT);
const feedbackComment = z
  .string()
  .max(FEEDBACK_COMMENT_MAX_LENGTH)
  .regex(/^(?:[^\p{Cc}]|[\r\n])*$/u)
  .meta({ description: `At most ${FEEDBACK_COMMENT_MAX_LENGTH} characters after trimming; line breaks allowed, no other control characters.` });

/** POST /feedback/{token} as JSON: a score 1–5 (a number, or a digit as a string) and an optional comment. */
export const feedbackJsonSchema = z.strictObject({
  score: z.union([scoreNumber, scoreText]).meta({ description: 'How satisfied the client is, 1 (not at all) to 5 (very).' }),
  comment: feedbackComment.nullable().optional(),
});

/** POST /feedback/{token} from the feedback page's form; other fields are ignored. */
export const feedbackFormSchema = z.object({
  score: scoreText.meta({ description: 'How satisfied the client is, 1 (not at all) to 5 (very).' }),
  comment: feedbackComment.optional(),
});

/** The field names of a form schema, as the hand-written validators read them. */
export const fieldNames = (schema: { shape: Record<string, unknown> }): ReadonlySet<string> => new Set(Object.keys(schema.shape));
