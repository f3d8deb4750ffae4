import { isJsonObject, parseJson, type JsonObject } from './json';
import { ServiceError } from './service-error';

/**
 * `nextToken`s are opaque to clients; ours carry the query they continue plus a position, so a token
 * replayed against another query is refused with InvalidToken as AWS does.
 */
export function encodePageToken(query: JsonObject, position: number): string {
  return Buffer.from(JSON.stringify({ query, position }), 'utf8').toString('base64');
}

/** `invalid` makes the service's error for a token it did not issue (Step Functions' InvalidToken by default). */
export function decodePageToken(
  token: string,
  query: JsonObject,
  invalid: () => Error = () => new ServiceError('InvalidToken', "Invalid Token: 'Invalid token'"),
): number {
  const parsed = parseJson(Buffer.from(token, 'base64').toString('utf8'));
  const body = parsed.ok && isJsonObject(parsed.value) ? parsed.value : undefined;
  const position = body?.position;
  if (!body || typeof position !== 'number' || JSON.stringify(body.query) !== JSON.stringify(query)) {
    throw invalid();
  }
  return position;
}
