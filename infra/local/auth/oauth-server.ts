import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '../../../functions/catalog';
import type { FieldError } from '../../../functions/templates/pages/page-parts';
import { renderSignInPage, renderSignInRefusal, type AuthorizationRequestFields, type SignInField } from './authorize-page';
import { DEFAULT_ACCESS_TOKEN_SECONDS, newSession, type LocalIssuer, type SignInSession } from './local-issuer';
import { isS256Challenge, verifyS256 } from './pkce';
import type { RedirectUriPolicy } from './redirect-uris';
import { subjectForEmail } from './stable-subject';

/**
 * The twin's Cognito user-pool domain: `/oauth2/authorize` and `/oauth2/token` with Cognito's
 * parameters, shapes and error bodies, for a public app client (no secret) that must use PKCE
 * with S256. The authorize step is a page where you pick a role and an e-mail: there are no
 * passwords locally. Codes and refresh tokens live in this process's memory only.
 */

export const SUPPORTED_SCOPES = ['openid', 'email', 'profile'] as const;
/** Cognito's authorization codes are good for five minutes and one use. */
export const AUTHORIZATION_CODE_SECONDS = 5 * 60;
/** The twin's refresh-token lifetime; on AWS it comes from stage config (default 7 days). */
export const DEFAULT_REFRESH_TOKEN_SECONDS = 7 * 24 * 60 * 60;

export interface IssuerResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface LocalOAuthOptions {
  /** The app client's callback URLs (redirect_uri). */
  callbackUris: RedirectUriPolicy;
  /** The app client's sign-out URLs (logout_uri). */
  signOutUris: RedirectUriPolicy;
  /** Milliseconds since the epoch, for code and refresh-token expiry; tests move it. */
  now?: () => number;
  refreshTokenSeconds?: number;
}

/** The token endpoint's answers, as Cognito writes them. */
export interface TokenResponse {
  id_token?: string;
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: 'Bearer';
}

/** The error codes Cognito's token endpoint answers with, in `{"error": "..."}`. */
export type TokenError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'unauthorized_client' | 'unsupported_grant_type';

export interface OpenIdConfiguration {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
  response_types_supported: string[];
  grant_types_supported: string[];
  code_challenge_methods_supported: string[];
  scopes_supported: string[];
  subject_types_supported: string[];
  id_token_signing_alg_values_supported: string[];
  token_endpoint_auth_methods_supported: string[];
}

export interface LocalOAuthServer {
  openidConfiguration(): OpenIdConfiguration;
  /** GET /oauth2/authorize: the sign-in page, a 400 page, or a redirect carrying an OAuth error. */
  authorize(query: URLSearchParams): IssuerResponse;
  /** POST /oauth2/authorize (the page's form): a 302 to the redirect URI with a code, or the page again. */
  signIn(form: URLSearchParams): IssuerResponse;
  /** POST /oauth2/token, once the body is known to be form-urlencoded. */
  token(form: URLSearchParams): Promise<IssuerResponse>;
  /** GET /logout: there is no session to end locally, so a 302 to an allowed logout_uri. */
  signOut(query: URLSearchParams): IssuerResponse;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scopes: string[];
  nonce?: string;
  role: Role;
  email: string;
  session: SignInSession;
  expiresAt: number;
}

interface RefreshGrant {
  clientId: string;
  roles: Role[];
  email: string;
  scopes: string[];
  session: SignInSession;
  expiresAt: number;
}

type Parsed = { ok: true; request: AuthorizationRequestFields; scopes: string[] } | { ok: false; response: IssuerResponse };

const AUTHORIZATION_PARAMETERS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'code_challenge', 'code_challenge_method', 'nonce'] as const;
const TOKEN_HEADERS = { 'content-type': 'application/json;charset=UTF-8', 'cache-control': 'no-store', pragma: 'no-cache' };
const EMAIL = /^[^\s@]+@[^\s@]+$/;

export function createLocalOAuthServer(issuer: LocalIssuer, options: LocalOAuthOptions): LocalOAuthServer {
  const now = options.now ?? Date.now;
  const refreshTokenSeconds = options.refreshTokenSeconds ?? DEFAULT_REFRESH_TOKEN_SECONDS;
  const codes = new Map<string, AuthorizationCode>();
  const refreshTokens = new Map<string, RefreshGrant>();
  const formAction = `${new URL(issuer.issuerUrl).pathname.replace(/\/+$/, '')}/oauth2/authorize`;

  const forget = <T extends { expiresAt: number }>(store: Map<string, T>) => {
    for (const [key, value] of store) if (value.expiresAt <= now()) store.delete(key);
  };

  /** Validates what Cognito validates, in its order: client, redirect URI, then the rest (which may be redirected). */
  function parseAuthorizationRequest(params: URLSearchParams): Parsed {
    const repeated = AUTHORIZATION_PARAMETERS.find((name) => params.getAll(name).length > 1);
    if (repeated) return refuse(`The parameter ${repeated} appears more than once.`);
    const value = (name: (typeof AUTHORIZATION_PARAMETERS)[number]) => params.get(name) ?? undefined;

    const clientId = value('client_id');
    if (!clientId) return refuse('The request names no client_id.');
    if (clientId !== issuer.audience) return refuse(`There is no app client ${clientId}; the twin’s is ${issuer.audience}.`);
    const redirectUri = value('redirect_uri');
    if (!redirectUri) return refuse('The request names no redirect_uri.');
    if (!options.callbackUris.allows(redirectUri)) {
      return refuse(`${redirectUri} is not a callback URL of this app client. Registered: ${options.callbackUris.registered.join(', ')}, and http://localhost:<port>/callback.`);
    }

    const state = value('state');
    const fail = (error: string, description: string): Parsed => ({ ok: false, response: redirectWith(redirectUri, { error, error_description: description, state }) });
    if (value('response_type') !== 'code') return fail('unsupported_response_type', 'Only response_type=code (the authorization-code grant) is enabled for this client');
    const codeChallenge = value('code_challenge');
    const method = value('code_challenge_method');
    if (!codeChallenge) return fail('invalid_request', 'PKCE is required: send code_challenge and code_challenge_method=S256');
    if (method !== 'S256') return fail('invalid_request', 'code_challenge_method must be S256');
    if (!isS256Challenge(codeChallenge)) return fail('invalid_request', 'code_challenge must be the base64url SHA-256 of the code_verifier (43 characters)');

    const requested = (value('scope') ?? '').split(' ').filter(Boolean);
    const unknown = requested.find((scope) => !(SUPPORTED_SCOPES as readonly string[]).includes(scope));
    if (unknown) return fail('invalid_scope', `Unknown scope ${unknown}; this client allows ${SUPPORTED_SCOPES.join(' ')}`);
    // No scope asks for every scope the client allows, as Cognito does.
    const scopes = requested.length ? [...new Set(requested)] : [...SUPPORTED_SCOPES];

    const nonce = value('nonce');
    const request: AuthorizationRequestFields = {
      response_type: 'code',
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: scopes.join(' '),
      ...(state === undefined ? {} : { state }),
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
      ...(nonce === undefined ? {} : { nonce }),
    };
    return { ok: true, request, scopes };
  }

  async function tokensFor(grant: { roles: readonly Role[]; email: string; scopes: string[]; session: SignInSession; nonce?: string }): Promise<TokenResponse> {
    const sub = subjectForEmail(grant.email);
    const access_token = await issuer.mintAccessToken({ roles: grant.roles, sub, scope: grant.scopes.join(' '), session: grant.session });
    // Cognito issues an ID token only for the openid scope, and its e-mail claims only when the
    // scopes cover them: `openid` alone gives every readable attribute, `openid profile` no e-mail.
    const withEmail = grant.scopes.includes('email') || !grant.scopes.includes('profile');
    const id_token = grant.scopes.includes('openid')
      ? await issuer.mintIdToken({
          roles: grant.roles,
          email: grant.email,
          sub,
          withoutEmail: !withEmail,
          session: grant.session,
          accessToken: access_token,
          ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
        })
      : undefined;
    return { ...(id_token ? { id_token } : {}), access_token, expires_in: DEFAULT_ACCESS_TOKEN_SECONDS, token_type: 'Bearer' };
  }

  async function redeemCode(form: URLSearchParams): Promise<IssuerResponse> {
    const code = form.get('code');
    const redirectUri = form.get('redirect_uri');
    const verifier = form.get('code_verifier');
    if (!code || !redirectUri || !verifier) return tokenError('invalid_request');
    const grant = codes.get(code);
    // Single use: a code is gone once presented, whether the exchange then succeeds or not.
    codes.delete(code);
    if (!grant || grant.expiresAt <= now()) return tokenError('invalid_grant');
    if (grant.clientId !== form.get('client_id') || grant.redirectUri !== redirectUri) return tokenError('invalid_grant');
    if (!verifyS256(verifier, grant.codeChallenge)) return tokenError('invalid_grant');

    const tokens = await tokensFor({ roles: [grant.role], email: grant.email, scopes: grant.scopes, session: grant.session, ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }) });
    forget(refreshTokens);
    const refresh_token = randomBytes(48).toString('base64url');
    refreshTokens.set(refresh_token, {
      clientId: grant.clientId,
      roles: [grant.role],
      email: grant.email,
      scopes: grant.scopes,
      session: grant.session,
      expiresAt: now() + refreshTokenSeconds * 1000,
    });
    return tokenAnswer({ ...tokens, refresh_token });
  }

  async function refresh(form: URLSearchParams): Promise<IssuerResponse> {
    const token = form.get('refresh_token');
    if (!token) return tokenError('invalid_request');
    const grant = refreshTokens.get(token);
    if (!grant || grant.expiresAt <= now()) {
      refreshTokens.delete(token);
      return tokenError('invalid_grant');
    }
    if (grant.clientId !== form.get('client_id')) return tokenError('invalid_grant');
    // As Cognito (without refresh-token rotation): new ID and access tokens, the same refresh token.
    return tokenAnswer(await tokensFor(grant));
  }

  return {
    openidConfiguration: () => ({
      issuer: issuer.issuerUrl,
      authorization_endpoint: `${issuer.issuerUrl}/oauth2/authorize`,
      token_endpoint: `${issuer.issuerUrl}/oauth2/token`,
      jwks_uri: `${issuer.issuerUrl}/.well-known/jwks.json`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: [...SUPPORTED_SCOPES],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['none'],
    }),

    authorize(query) {
      const parsed = parseAuthorizationRequest(query);
      if (!parsed.ok) return parsed.response;
      return htmlAnswer(renderSignInPage({ formAction, request: parsed.request }));
    },

    signIn(form) {
      const parsed = parseAuthorizationRequest(form);
      if (!parsed.ok) return parsed.response;
      const role = form.get('role') ?? '';
      const email = (form.get('email') ?? '').trim();
      const errors: FieldError<SignInField>[] = [];
      if (!(ROLES as readonly string[]).includes(role)) errors.push({ field: 'role', message: 'Choose a role' });
      if (!EMAIL.test(email)) errors.push({ field: 'email', message: 'Enter an e-mail address, like name@breakfix.example' });
      if (errors.length) return htmlAnswer(renderSignInPage({ formAction, request: parsed.request, values: { role, email }, errors }));

      forget(codes);
      const code = randomBytes(32).toString('base64url');
      const { request } = parsed;
      codes.set(code, {
        clientId: request.client_id,
        redirectUri: request.redirect_uri,
        codeChallenge: request.code_challenge,
        scopes: parsed.scopes,
        ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
        role: role as Role,
        email,
        session: newSession(),
        expiresAt: now() + AUTHORIZATION_CODE_SECONDS * 1000,
      });
      return redirectWith(request.redirect_uri, { code, state: request.state });
    },

    async token(form) {
      const grantType = form.get('grant_type');
      const clientId = form.get('client_id');
      if (!grantType || !clientId) return tokenError('invalid_request');
      if (clientId !== issuer.audience) return tokenError('invalid_client');
      if (grantType === 'authorization_code') return redeemCode(form);
      if (grantType === 'refresh_token') return refresh(form);
      if (grantType === 'client_credentials') return tokenError('unauthorized_client');
      return tokenError('unsupported_grant_type');
    },

    signOut(query) {
      const clientId = query.get('client_id');
      const logoutUri = query.get('logout_uri');
      if (clientId !== issuer.audience) return refuse(`There is no app client ${clientId ?? '(none given)'}; the twin’s is ${issuer.audience}.`).response;
      if (!logoutUri || !options.signOutUris.allows(logoutUri)) {
        return refuse(`${logoutUri ?? 'No logout_uri'} is not a sign-out URL of this app client. Registered: ${options.signOutUris.registered.join(', ')}.`).response;
      }
      return redirectWith(logoutUri, {});
    },
  };
}

export function tokenError(error: TokenError, statusCode = 400): IssuerResponse {
  return { statusCode, headers: { ...TOKEN_HEADERS }, body: JSON.stringify({ error }) };
}

function tokenAnswer(tokens: TokenResponse): IssuerResponse {
  return { statusCode: 200, headers: { ...TOKEN_HEADERS }, body: JSON.stringify(tokens) };
}

function refuse(reason: string): { ok: false; response: IssuerResponse } {
  return { ok: false, response: htmlAnswer(renderSignInRefusal(400, reason)) };
}

function htmlAnswer(page: { status: number; headers: Record<string, string>; html: string }): IssuerResponse {
  return { statusCode: page.status, headers: page.headers, body: page.html };
}

/** A 302 to an allowed redirect URI, with the parameters added to its query (undefined ones left out). */
function redirectWith(redirectUri: string, parameters: Record<string, string | undefined>): IssuerResponse {
  const target = new URL(redirectUri);
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) target.searchParams.set(name, value);
  return { statusCode: 302, headers: { location: target.href, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' }, body: '' };
}
