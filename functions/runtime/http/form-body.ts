import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { MalformedBodyError, UnsupportedMediaTypeError } from '../errors';
import { mediaType, rawBody } from './request';

/** The answer format follows the request: a browser's form gets pages, a JSON client gets JSON. */
export type BodyFormat = 'form' | 'json';

export function bodyFormat(event: APIGatewayProxyEventV2): BodyFormat {
  return mediaType(event) === 'application/json' ? 'json' : 'form';
}

/**
 * A public page's POST: an HTML form (API Gateway hands it over base64-encoded) or a JSON object.
 * A form's unknown fields are ignored (browsers add none); JSON's are listed in `unknown`, so the
 * caller can reject them. Anything else is 415.
 */
export function readFormOrJson(event: APIGatewayProxyEventV2, known: ReadonlySet<string>): { fields: Record<string, unknown>; unknown: string[] } {
  const body = rawBody(event).toString('utf8');
  const type = mediaType(event);
  if (type === 'application/x-www-form-urlencoded') {
    const fields = Object.fromEntries([...new URLSearchParams(body)].filter(([key]) => known.has(key)));
    return { fields, unknown: [] };
  }
  if (type !== 'application/json') throw new UnsupportedMediaTypeError('application/x-www-form-urlencoded or application/json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new MalformedBodyError();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new MalformedBodyError('The body must be a JSON object');
  return { fields: parsed as Record<string, unknown>, unknown: Object.keys(parsed).filter((key) => !known.has(key)) };
}

/** A textarea's line breaks arrive as CRLF; they are stored, and counted, as one LF each. */
export const normalizeLineBreaks = (value: string): string => value.replace(/\r\n?/g, '\n');
