import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { NotFoundError } from '../runtime/errors';
import { ENV, requireEnv } from '../runtime/env';
import { httpHandler, type HttpResult } from '../runtime/http/http-handler';
import { acceptsGzip, compressible, CONSOLE_ASSETS, gzippedAsset } from './console-assets';
import { consolePageHeaders, renderConsolePage } from './console-page';

const CLIENT_ID = requireEnv(ENV.staffClientId);
const SIGN_IN_ORIGIN = httpOrigin(requireEnv(ENV.staffSignInUrl));
const PAGE = renderConsolePage({ clientId: CLIENT_ID });
const PAGE_HEADERS = consolePageHeaders(SIGN_IN_ORIGIN);

/**
 * GET /docs and GET /docs/{file+} (public): the API console, Swagger UI served by this function
 * from the npm package's files (never a CDN), read from ./assets/ beside the code on first request
 * (CDK copies them into this function's asset only; they are not in its bundle). Sign-in
 * is the staff OAuth2 authorization-code flow with PKCE, and the console sends the ID token.
 */
export const handler = httpHandler(({ event }) => respond(event));

async function respond(event: APIGatewayProxyEventV2): Promise<HttpResult> {
  const file = event.pathParameters?.file;
  if (file === undefined) return { statusCode: 200, headers: { ...PAGE_HEADERS }, body: PAGE };

  const asset = CONSOLE_ASSETS.get(file);
  if (!asset) throw new NotFoundError('The API console has no such file');
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    'cache-control': asset.cacheControl,
    'x-content-type-options': 'nosniff',
    'cross-origin-resource-policy': 'same-origin',
    ...(asset.contentSecurityPolicy ? { 'content-security-policy': asset.contentSecurityPolicy, 'referrer-policy': 'no-referrer' } : {}),
  };
  const body = await asset.body();
  if (!compressible(asset, body)) {
    const binary = !asset.contentType.startsWith('text/');
    return { statusCode: 200, headers, body: body.toString(binary ? 'base64' : 'utf8'), isBase64Encoded: binary };
  }
  headers.vary = 'accept-encoding';
  if (!acceptsGzip(event.headers?.['accept-encoding'])) return { statusCode: 200, headers, body: body.toString('utf8'), isBase64Encoded: false };
  return { statusCode: 200, headers: { ...headers, 'content-encoding': 'gzip' }, body: gzippedAsset(file, body).toString('base64'), isBase64Encoded: true };
}

/** `https://host[:port]` of an http(s) URL; undefined for anything else (the CSP then allows only this API). */
function httpOrigin(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}
