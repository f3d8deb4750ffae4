/**
 * Named errors. HTTP handlers map them to status codes in one place (http/problem.ts); workflow
 * steps let them surface as the Lambda's errorType, which the ASL retries (TransientDependencyError)
 * or catches (everything else).
 */
import type { FieldError } from '../domain/field-error';

export type { FieldError } from '../domain/field-error';

export class ValidationError extends Error {
  constructor(
    readonly errors: FieldError[],
    message = 'The request is invalid',
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

export class MalformedBodyError extends Error {
  constructor(message = 'The request body is not valid JSON') {
    super(message);
    this.name = 'MalformedBodyError';
  }
}

export class UnsupportedMediaTypeError extends Error {
  constructor(readonly expected: string) {
    super(`Send the body as ${expected}`);
    this.name = 'UnsupportedMediaTypeError';
  }
}

export class PayloadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes`);
    this.name = 'PayloadTooLargeError';
  }
}

/**
 * The request carries a token the gateway accepted but the API does not: an access token, or an
 * ID token without a verified e-mail. Answered 401 (the role check, 403, comes after).
 */
export class UnauthenticatedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

export class ForbiddenError extends Error {
  constructor(message = 'Your role does not allow this') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class IdempotencyKeyReusedError extends Error {
  constructor() {
    super('This Idempotency-Key was already used with a different request body');
    this.name = 'IdempotencyKeyReusedError';
  }
}

/**
 * A write lost an optimistic-locking race or the entity is in the wrong state for the request.
 * `extensions` are extra members of the problem body (RFC 9457 §3.2), such as the resolution a
 * second resolve runs into; they never replace the standard members.
 */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly extensions?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** The resource existed but is no longer available (an expired link). */
export class GoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoneError';
  }
}

/**
 * A write would store an item over DynamoDB's 400 KB limit. Not transient: the same write fails
 * again, so the ASL catches it and an HTTP route answers 422 naming what grew too large.
 * `field` is a JSON Pointer into the stored item (/changeRequests, /analysis/items): the part
 * that takes the most room, which may have grown over many requests. Absent when DynamoDB itself
 * refused the write (the fallback) and nothing was measured.
 */
export class ItemTooLargeError extends Error {
  constructor(
    readonly entity: string,
    readonly field?: string,
    readonly size?: { bytes: number; limitBytes: number; fieldBytes?: number },
  ) {
    super(describeTooLarge(entity, field, size));
    this.name = 'ItemTooLargeError';
  }
}

function describeTooLarge(entity: string, field: string | undefined, size: ItemTooLargeError['size']): string {
  const bytes = (n: number) => `${n.toLocaleString('en-GB')} bytes`;
  const measured = size ? ` (${bytes(size.bytes)}; at most ${bytes(size.limitBytes)} are stored)` : '';
  const part = field ? `: ${field} is too large${size?.fieldBytes !== undefined ? ` (${bytes(size.fieldBytes)})` : ''}` : '';
  return `The ${entity} would exceed DynamoDB's 400 KB item limit${measured}${part}`;
}

/** A dependency (DynamoDB, SES, Step Functions) failed in a way worth retrying. */
export class TransientDependencyError extends Error {
  constructor(dependency: string, cause: unknown) {
    super(`${dependency} is temporarily unavailable: ${describe(cause)}`, { cause });
    this.name = 'TransientDependencyError';
  }
}

export class OnboardingNotFoundError extends Error {
  constructor(onboardingId: string) {
    super(`Onboarding ${onboardingId} does not exist`);
    this.name = 'OnboardingNotFoundError';
  }
}

const TRANSIENT_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalFailure',
  'TimeoutError',
  'RequestTimeout',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
]);

/** True for SDK and network errors that a later attempt may not meet. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = error as Error & { $retryable?: unknown; code?: string; $metadata?: { httpStatusCode?: number } };
  if (meta.$retryable) return true;
  if (TRANSIENT_NAMES.has(error.name) || (meta.code && TRANSIENT_NAMES.has(meta.code))) return true;
  const status = meta.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/** Rethrows transient dependency failures as TransientDependencyError so the ASL retries them. */
export function rethrowTransient(dependency: string, error: unknown): never {
  if (isTransient(error)) throw new TransientDependencyError(dependency, error);
  throw error;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown error';
}
