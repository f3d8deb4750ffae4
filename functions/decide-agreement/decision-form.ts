import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Locale } from '../domain/intake';
import type { ClientDecision } from '../domain/onboarding';
import { MalformedBodyError, UnsupportedMediaTypeError } from '../runtime/errors';
import { mediaType, rawBody } from '../runtime/http/request';
import type { AgreementFormError, AgreementFormValues } from '../templates/pages/agreement-form';
import { AGREEMENT_FORM_MESSAGES, COMMENT_MAX_LENGTH, NAME_MAX_LENGTH } from '../templates/pages/agreement-form-messages';

export type DecisionFormat = 'form' | 'json';

export interface DecisionInput {
  decision: ClientDecision;
  name: string;
  comment?: string;
}

const FIELDS = new Set(['name', 'consent', 'decision', 'comment']);
const DECISIONS = new Set<string>(['approve', 'decline', 'request-changes']);

/** The answer format follows the request: a browser's form gets pages, a JSON client gets JSON. */
export function decisionFormat(event: APIGatewayProxyEventV2): DecisionFormat {
  return mediaType(event) === 'application/json' ? 'json' : 'form';
}

/**
 * Reads the decision from an HTML form post (API Gateway hands it over base64-encoded) or a JSON
 * body. A form's unknown fields are ignored (browsers add none); JSON's are rejected.
 */
export function readDecisionFields(event: APIGatewayProxyEventV2): { fields: Record<string, unknown>; unknown: string[] } {
  const body = rawBody(event).toString('utf8');
  const type = mediaType(event);
  if (type === 'application/x-www-form-urlencoded') {
    return { fields: Object.fromEntries(new URLSearchParams(body)), unknown: [] };
  }
  if (type !== 'application/json') throw new UnsupportedMediaTypeError('application/x-www-form-urlencoded or application/json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new MalformedBodyError();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new MalformedBodyError('The body must be a JSON object');
  return { fields: parsed as Record<string, unknown>, unknown: Object.keys(parsed).filter((key) => !FIELDS.has(key)) };
}

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
