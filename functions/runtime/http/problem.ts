import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import {
  ConflictError,
  ForbiddenError,
  GoneError,
  IdempotencyKeyReusedError,
  ItemTooLargeError,
  MalformedBodyError,
  NotFoundError,
  PayloadTooLargeError,
  TransientDependencyError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
  ValidationError,
  type FieldError,
} from '../errors';

/** RFC 9457 problem details, as every API error is answered. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  /** Extension members (RFC 9457 §3.2), e.g. `resolution` on a second resolve. */
  [extension: string]: unknown;
}

const PROBLEM_BASE = 'https://breakfix.example/problems/';

/** The one place where named errors become HTTP statuses. Unknown errors → undefined (a 500). */
export function problemFor(error: unknown): Problem | undefined {
  if (error instanceof ValidationError)
    return problem(400, 'validation-error', 'Invalid request', error.message, error.errors);
  if (error instanceof MalformedBodyError) return problem(400, 'malformed-body', 'Malformed request body', error.message);
  if (error instanceof UnauthenticatedError) return problem(401, 'unauthenticated', 'Sign in with an ID token', error.message);
  if (error instanceof ForbiddenError) return problem(403, 'forbidden', 'Forbidden', error.message);
  if (error instanceof NotFoundError) return problem(404, 'not-found', 'Not found', error.message);
  if (error instanceof IdempotencyKeyReusedError)
    return problem(409, 'idempotency-key-reused', 'Idempotency-Key reused', error.message, [
      { parameter: 'Idempotency-Key', message: error.message },
    ]);
  if (error instanceof ConflictError) return problem(409, 'conflict', 'Conflict', error.message, undefined, error.extensions);
  if (error instanceof GoneError) return problem(410, 'gone', 'Gone', error.message);
  if (error instanceof PayloadTooLargeError) return problem(413, 'payload-too-large', 'Payload too large', error.message);
  if (error instanceof ItemTooLargeError)
    return problem(422, 'too-large-to-store', 'Too large to store', error.message, error.field ? [{ pointer: error.field, message: error.message }] : undefined);
  if (error instanceof UnsupportedMediaTypeError)
    return problem(415, 'unsupported-media-type', 'Unsupported media type', error.message, [
      { parameter: 'Content-Type', message: error.message },
    ]);
  if (error instanceof TransientDependencyError)
    return problem(503, 'temporarily-unavailable', 'Temporarily unavailable', 'A service we depend on did not answer; send the same request again (with the same Idempotency-Key).');
  return undefined;
}

export function internalProblem(): Problem {
  return problem(500, 'internal', 'Internal error', 'Something went wrong on our side; it has been logged.');
}

export function problemResponse(body: Problem): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: body.status,
    headers: {
      'content-type': 'application/problem+json',
      'cache-control': 'no-store',
      // A dependency hiccup: tell clients (and their retry libraries) when to try again.
      ...(body.status === 503 ? { 'retry-after': '2' } : {}),
      // RFC 9110 §15.5.2: a 401 names the scheme to use; RFC 6750 §3.1: this token is not one we take.
      ...(body.status === 401 ? { 'www-authenticate': 'Bearer error="invalid_token"' } : {}),
    },
    body: JSON.stringify(body),
  };
}

function problem(status: number, slug: string, title: string, detail: string, errors?: FieldError[], extensions?: Readonly<Record<string, unknown>>): Problem {
  // Extensions first: they can add members, never replace the standard ones.
  return { ...extensions, type: PROBLEM_BASE + slug, title, status, detail, ...(errors ? { errors } : {}) };
}
