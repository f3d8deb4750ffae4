import type { Locale } from '../domain/intake';
import type { ClientDecision } from '../domain/onboarding';
import type { AgreementFormError, AgreementFormValues } from '../templates/pages/agreement-form';
import { AGREEMENT_FORM_MESSAGES, COMMENT_MAX_LENGTH, NAME_MAX_LENGTH } from '../templates/pages/agreement-form-messages';

export interface DecisionInput {
  decision: ClientDecision;
  name: string;
  comment?: string;
}

export const DECISION_FIELDS: ReadonlySet<string> = new Set(['name', 'consent', 'decision', 'comment']);
const DECISIONS = new Set<string>(['approve', 'decline', 'request-changes']);

/** Validates the fields with messages in the client's language, naming each field. */
export function validateDecision(
  fields: Record<string, unknown>,
  locale: Locale,
  allowChanges: boolean,
): { input: DecisionInput; errors?: undefined } | { errors: AgreementFormError[]; values: AgreementFormValues } {
  const messages = AGREEMENT_FORM_MESSAGES[locale];
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const name = text(fields.name);
  const comment = text(fields.comment);
  const decision = text(fields.decision);
  const consent = fields.consent === true || fields.consent === 'yes';
  const errors: AgreementFormError[] = [];

  if (!name) errors.push({ field: 'name', message: messages.nameRequired });
  else if (name.length > NAME_MAX_LENGTH || /\p{Cc}/u.test(name)) errors.push({ field: 'name', message: messages.nameTooLong });
  if (!consent) errors.push({ field: 'consent', message: messages.consentRequired });
  if (!DECISIONS.has(decision)) errors.push({ field: 'decision', message: messages.decisionRequired });
  else if (decision === 'request-changes' && !allowChanges) errors.push({ field: 'decision', message: messages.changesNotAllowed });
  if (decision !== 'approve' && DECISIONS.has(decision) && !comment) errors.push({ field: 'comment', message: messages.commentRequired });
  if (comment.length > COMMENT_MAX_LENGTH) errors.push({ field: 'comment', message: messages.commentTooLong });

  if (errors.length > 0) return { errors, values: { name, decision, comment, consent } };
  return { input: { decision: decision as ClientDecision, name, ...(comment ? { comment } : {}) } };
}
