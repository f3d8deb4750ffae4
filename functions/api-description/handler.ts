import { buildOpenApiDocument } from '../contract/document';
import { ENV, requireEnv } from '../runtime/env';
import { httpHandler, type HttpResult } from '../runtime/http/http-handler';

const API_URL = requireEnv(ENV.publicBaseUrl);
const SIGN_IN_URL = requireEnv(ENV.staffSignInUrl);
const CLIENT_ID = requireEnv(ENV.staffClientId);

/** Built on the first request, then kept for the container's life: the description only changes with a deploy. */
let body: string | undefined;

/**
 * GET /openapi.json (public): the OpenAPI 3.1 document of this API, for this API's URL and its
 * staff sign-in (Cognito's managed login on AWS, the local issuer on the twin). `no-cache`: a
 * client may keep it, but asks again (a deploy changes it).
 */
export const handler = httpHandler(() => Promise.resolve(describe()));

function describe(): HttpResult {
  body ??= JSON.stringify(buildOpenApiDocument({ apiUrl: API_URL, issuerUrl: SIGN_IN_URL, clientId: CLIENT_ID }));
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' },
    body,
  };
}
