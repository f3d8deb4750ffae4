import { validateHeaderName, validateHeaderValue } from 'node:http';
import type { GatewayResponse } from './gateway-responses';

export type MappedResult = { ok: true; response: GatewayResponse } | { ok: false; reason: string };

/**
 * Turns a handler's result into the HTTP answer as payload format 2.0 does. A result with
 * `statusCode` is a structured response (`headers`, `cookies`, `body`, `isBase64Encoded`;
 * `multiValueHeaders` is a 1.0 field that 2.0 ignores). Anything else — a string or a plain
 * object — is taken as a 200 JSON body. A structured response that breaks the format is
 * reported, which API Gateway answers with a 500.
 */
export function mapHandlerResult(result: unknown): MappedResult {
  if (isRecord(result) && 'statusCode' in result) return mapStructured(result);
  // A string is the body as it is; anything else is what Lambda would serialise (undefined → null).
  const body = typeof result === 'string' ? result : (JSON.stringify(result) ?? 'null');
  return ok({ statusCode: 200, headers: { 'content-type': 'application/json' }, cookies: [], body: Buffer.from(body) });
}

function mapStructured(result: Record<string, unknown>): MappedResult {
  const { statusCode, headers = {}, cookies = [], body, isBase64Encoded = false } = result;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return malformed(`statusCode ${JSON.stringify(statusCode)} is not an HTTP status`);
  }
  if (!isRecord(headers)) return malformed('headers must be an object');
  const responseHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!['string', 'number', 'boolean'].includes(typeof value)) return malformed(`header ${name} must be a string, number or boolean`);
    const reason = invalidHeader(name, String(value));
    if (reason) return malformed(reason);
    responseHeaders[name.toLowerCase()] = String(value);
  }
  if (!Array.isArray(cookies) || !cookies.every((c) => typeof c === 'string')) return malformed('cookies must be an array of strings');
  if (body !== undefined && body !== null && typeof body !== 'string') return malformed('body must be a string');
  if (typeof isBase64Encoded !== 'boolean') return malformed('isBase64Encoded must be a boolean');

  const text = typeof body === 'string' ? body : '';
  return ok({
    statusCode,
    headers: responseHeaders,
    cookies: cookies,
    body: isBase64Encoded ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8'),
  });
}

function invalidHeader(name: string, value: string): string | undefined {
  try {
    validateHeaderName(name);
    validateHeaderValue(name, value);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : `header ${name} is invalid`;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const ok = (response: GatewayResponse): MappedResult => ({ ok: true, response });
const malformed = (reason: string): MappedResult => ({ ok: false, reason: `malformed Lambda response: ${reason}` });
