/**
 * Payload 2.0 hands the body over as UTF-8 text only for these media types (verified against AWS
 * by public emulator fixes); everything else — a form post, a missing content type, even
 * `application/problem+json` — arrives base64-encoded with `isBase64Encoded: true`.
 */
const TEXT_MEDIA_TYPES = new Set(['application/json', 'application/xml', 'application/javascript']);

export function isTextMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!mediaType) return false;
  return mediaType.startsWith('text/') || TEXT_MEDIA_TYPES.has(mediaType);
}

export function encodeRequestBody(body: Buffer | undefined, contentType: string | undefined): { body?: string; isBase64Encoded: boolean } {
  if (!body || body.length === 0) return { isBase64Encoded: false };
  return isTextMediaType(contentType)
    ? { body: body.toString('utf8'), isBase64Encoded: false }
    : { body: body.toString('base64'), isBase64Encoded: true };
}
