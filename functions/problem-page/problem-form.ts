import { randomBytes } from 'node:crypto';
import type { Locale } from '../domain/intake';
import { clientProblemSchema, type ClientProblem } from '../domain/problem';
import { normalizeLineBreaks } from '../runtime/http/form-body';
import type { ProblemFormError, ProblemFormField, ProblemFormValues } from '../templates/pages/problem-page';
import { PROBLEM_PAGE_TEXT } from '../templates/pages/problem-page-text';

export const PROBLEM_FIELDS: ReadonlySet<string> = new Set<ProblemFormField>(['title', 'description', 'impact', 'submissionId']);
const FIELD_ORDER: readonly ProblemFormField[] = ['title', 'description', 'impact', 'submissionId'];

/** A fresh id for each rendered form (18 random bytes, 24 base64url characters); never stored by a GET. */
export function newSubmissionId(): string {
  return randomBytes(18).toString('base64url');
}

export type ProblemValidation =
  | { input: ClientProblem; errors?: undefined }
  /** `submissionId`: the one to render the form again with (the posted one if it was valid, else a fresh one). */
  | { input?: undefined; errors: ProblemFormError[]; values: ProblemFormValues; submissionId: string };

/**
 * Validates a report against the domain's schema (the single source of its rules) and names each
 * failing field with a message in the client's language, one per field.
 */
export function validateProblem(fields: Record<string, unknown>, locale: Locale): ProblemValidation {
  const messages = PROBLEM_PAGE_TEXT[locale].messages;
  const description = typeof fields.description === 'string' ? normalizeLineBreaks(fields.description) : fields.description;
  const result = clientProblemSchema.safeParse({ title: fields.title, description, impact: fields.impact, submissionId: fields.submissionId });
  if (result.success) return { input: result.data };

  const codes = new Map<ProblemFormField, string>();
  for (const issue of result.error.issues) {
    const field = issue.path[0] as ProblemFormField;
    if (!codes.has(field)) codes.set(field, issue.code);
  }
  const messageFor = (field: ProblemFormField, code: string): string => {
    switch (field) {
      case 'title':
        return code === 'too_big' ? messages.titleTooLong : code === 'invalid_format' ? messages.titleOneLine : messages.titleRequired;
      case 'description':
        return code === 'too_big' ? messages.descriptionTooLong : code === 'invalid_format' ? messages.descriptionInvalid : messages.descriptionRequired;
      case 'impact':
        return messages.impactRequired;
      case 'submissionId':
        return messages.submissionInvalid;
    }
  };
  const errors = FIELD_ORDER.filter((field) => codes.has(field)).map((field) => ({ field, message: messageFor(field, codes.get(field)!) }));
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const posted = text(fields.submissionId);
  return {
    errors,
    values: { title: text(fields.title), description: text(description), impact: text(fields.impact) },
    submissionId: clientProblemSchema.shape.submissionId.safeParse(posted).success ? posted : newSubmissionId(),
  };
}
