import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type * as z from 'zod';
import { MalformedBodyError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors';
import { fieldErrorsFromZod } from './zod-errors';

/** Our own limit on request bodies; API Gateway would take up to 10 MB. */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * The raw body as API Gateway delivers it (payload 2.0: base64 for non-text types), checked
 * against our size limit.
 */
export function rawBody(event: APIGatewayProxyEventV2): Buffer {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
  if (body.byteLength > MAX_BODY_BYTES) throw new PayloadTooLargeError(MAX_BODY_BYTES);
  return body;
}

export function mediaType(event: APIGatewayProxyEventV2): string {
  return (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Parses a JSON body and validates it; malformed JSON and bad fields are told apart. */
export function parseJsonBody<S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.output<S> {
  const body = rawBody(event);
  if (mediaType(event) !== 'application/json') throw new UnsupportedMediaTypeError('application/json');
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw new MalformedBodyError();
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new ValidationError(fieldErrorsFromZod(result.error));
  return result.data;
}

export function parseQuery<S extends z.ZodType>(event: APIGatewayProxyEventV2, schema: S): z.output<S> {
  const result = schema.safeParse(event.queryStringParameters ?? {});
  if (!result.success) throw new ValidationError(fieldErrorsFromZod(result.error, 'query'), 'Invalid query parameters');
  return result.data;
}

export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  return event.headers?.[name.toLowerCase()];
}
