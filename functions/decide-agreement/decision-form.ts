import type { Locale } from '../domain/intake';
import type { ClientDecision } from '../domain/onboarding';
import type { FieldError } from '../domain/field-error';
import { decisionJsonSchema, fieldNames } from '../domain/client-forms';
import type { AgreementFormError, AgreementFormValues } from '../templates/pages/agreement-form';
import { AGREEMENT_FORM_MESSAGES, COMMENT_MAX_LENGTH, NAME_MAX_LENGTH } from '../templates/pages/agreement-form-messages';

export interface DecisionInput {
  decision: ClientDecision;
  name: string;
  comment?: string;
}

/** The fields a decision has (name, consent, decision, comment): those the OpenAPI document describes. */
export const DECISION_FIELDS: ReadonlySet<string> = fieldNames(decisionJsonSchema);
const DECISIONS = new Set<string>(['approve', 'decline', 'request-changes']);

/**
 * Where the decision came from. The confirm page's checkbox sends "yes" (a form can send nothing
 * else); a JSON client states its consent as the JSON value `true`, and nothing else counts.
 */
export type DecisionSource = 'form' | 'json';

/** What only the JSON route says: its problem's detail, an unknown member, consent not `true`. */
const JSON_MESSAGES: Record<Locale, { detail: string; unknownField: string; consentNotTrue: string }> = {
  nl: {
    detail: 'De beslissing is ongeldig; zie de velden.',
    unknownField: 'Onbekend veld',
    consentNotTrue: 'Bevestig met "consent": true dat u de overeenkomst hebt gelezen en bevoegd bent te beslissen.',
  },
  en: {
    detail: 'The decision is invalid; see the fields.',
    unknownField: 'Unknown field',
    consentNotTrue: 'Confirm with "consent": true that you have read the agreement and are authorised to decide.',
  },
};

/** The JSON route's problem in `locale`: its detail and one message per field. */
export function decisionProblem(locale: Locale, errors: readonly AgreementFormError[], unknown: readonly string[] = []): { detail: string; errors: FieldError[] } {
  const messages = JSON_MESSAGES[locale];
  return {
    detail: messages.detail,
    errors: [...unknown.map((field) => ({ pointer: `/${field}`, message: messages.unknownField })), ...errors.map((e) => ({ pointer: `/${e.field}`, message: e.message }))],
  };
}

/** Validates the fields with messages in `locale`, naming each field. */
export function validateDecision(
  fields: Record<string, unknown>,
  locale: Locale,
  allowChanges: boolean,
  source: DecisionSource,
): { input: DecisionInput; errors?: undefined } | { errors: AgreementFormError[]; values: AgreementFormValues } {
  const messages = AGREEMENT_FORM_MESSAGES[locale];
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const name = text(fields.name);
  const comment = text(fields.comment);
  const decision = text(fields.decision);
  const consent = source === 'json' ? fields.consent === true : fields.consent === 'yes';
  const errors: AgreementFormError[] = [];

  if (!name) errors.push({ field: 'name', message: messages.nameRequired });
  else if (name.length > NAME_MAX_LENGTH || /\p{Cc}/u.test(name)) errors.push({ field: 'name', message: messages.nameTooLong });
  if (!consent) {
    // A JSON client that sent something other than `true` is told the one value that counts.
    const given = source === 'json' && fields.consent !== undefined && fields.consent !== false;
    errors.push({ field: 'consent', message: given ? JSON_MESSAGES[locale].consentNotTrue : messages.consentRequired });
  }
  if (!DECISIONS.has(decision)) errors.push({ field: 'decision', message: messages.decisionRequired });
  else if (decision === 'request-changes' && !allowChanges) errors.push({ field: 'decision', message: messages.changesNotAllowed });
  if (decision !== 'approve' && DECISIONS.has(decision) && !comment) errors.push({ field: 'comment', message: messages.commentRequired });
  if (comment.length > COMMENT_MAX_LENGTH) errors.push({ field: 'comment', message: messages.commentTooLong });

  if (errors.length > 0) return { errors, values: { name, decision, comment, consent } };
  return { input: { decision: decision as ClientDecision, name, ...(comment ? { comment } : {}) } };
}
