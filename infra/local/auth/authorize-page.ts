import { ROLES, type Role } from '../../../functions/catalog';
import { html, type SafeHtml } from '../../../functions/templates/html';
import { errorSummary, fieldErrors, messageCard, type FieldError } from '../../../functions/templates/pages/page-parts';
import { PAGE_HEADERS, renderPage, type HtmlResponse } from '../../../functions/templates/pages/page-layout';

/**
 * The local authorize step's pages, in the product's page layout and under its strict CSP (no
 * script, only the hashed style block). There are no passwords locally: the page asks which role
 * and e-mail the tokens should carry. On AWS, Cognito's managed login asks for a password and a
 * TOTP code instead.
 */

/** The authorization request, carried through the form in hidden fields. */
export interface AuthorizationRequestFields {
  response_type: string;
  client_id: string;
  redirect_uri: string;
  scope: string;
  state?: string;
  code_challenge: string;
  code_challenge_method: string;
  nonce?: string;
}

export type SignInField = 'role' | 'email';

const ROLE_TEXT: Record<Role, string> = {
  'account-manager': 'Posts intakes and follows the onboardings of their clients.',
  analyst: 'Analyses incidents and prices the work.',
  technician: 'Works on tickets assigned to them.',
  admin: 'Manages the rate card and technicians, and releases large offers.',
};

const FIELD_TARGET: Record<SignInField, string> = { role: `field-role-${ROLES[0]}`, email: 'field-email' };

const FOOTER = html`<p>Local twin only. On AWS, sign-in goes through Cognito’s managed login, with a password and an authenticator app.</p>`;

export function renderSignInPage(input: {
  formAction: string;
  request: AuthorizationRequestFields;
  values?: { role?: string; email?: string };
  errors?: readonly FieldError<SignInField>[];
}): HtmlResponse {
  const errors = input.errors ?? [];
  const values = input.values ?? {};
  const { fieldError, invalid, describedBy } = fieldErrors(errors);
  const request = input.request;
  const hidden = (Object.keys(request) as (keyof AuthorizationRequestFields)[])
    .filter((name) => request[name] !== undefined)
    .map((name) => html`<input type="hidden" name="${name}" value="${request[name]}">`);
  const choice = (role: Role) => html`<div class="choice">
<input type="radio" id="field-role-${role}" name="role" value="${role}" required${values.role === role ? html` checked` : null}${invalid('role')} aria-describedby="choice-text-${role}">
<span><label class="choice-label" for="field-role-${role}">${role}</label><span class="choice-text" id="choice-text-${role}">${ROLE_TEXT[role]}</span></span>
</div>`;

  const body = html`${errorSummary('Check the form', errors, FIELD_TARGET)}
<section class="card decision-form" aria-labelledby="sign-in-heading">
<h1 id="sign-in-heading">Sign in to the local twin</h1>
<p class="lead">No passwords here: choose the role and the e-mail address your tokens will carry.</p>
<p class="muted">For app client ${request.client_id}; you go back to ${request.redirect_uri}.</p>
<form method="post" action="${input.formAction}" enctype="application/x-www-form-urlencoded" accept-charset="utf-8">
${hidden}
<fieldset${describedBy('role')}>
<legend>Role</legend>
${fieldError('role')}
${ROLES.map(choice)}
</fieldset>
<div class="field">
<label class="label" for="field-email">E-mail address</label>
<span class="hint" id="hint-email">Any address: the same address is the same user (sub) in every run.</span>
${fieldError('email')}
<input type="text" id="field-email" name="email" inputmode="email" autocomplete="email" spellcheck="false" required value="${values.email ?? ''}"${invalid('email')}${describedBy('email', 'hint-email')}>
</div>
<div class="actions"><button type="submit" id="sign-in">Sign in</button></div>
</form>
</section>`;
  const page = renderPage({ locale: 'en', title: 'Sign in · local twin', body, footer: FOOTER });
  return { status: errors.length ? 400 : 200, html: page.html, headers: { ...page.headers, 'content-security-policy': cspAllowingFormTarget(input.request.redirect_uri) } };
}

/** A request the page cannot serve: unknown client or redirect URI, a malformed request. Never redirects. */
export function renderSignInRefusal(status: number, reason: string): HtmlResponse {
  const body: SafeHtml = messageCard('error', 'This sign-in request cannot be served', [
    reason,
    'Start the sign-in again from the app (npm run login, or the API console at /docs).',
  ]);
  return { status, ...renderPage({ locale: 'en', title: 'Sign-in refused · local twin', body, footer: FOOTER }) };
}

/**
 * The product's page CSP, with the validated redirect URI's origin added to `form-action`:
 * browsers apply `form-action` to the redirect that answers the POST as well, and the CLI's
 * callback (http://localhost:8976) is another origin than the API's.
 */
function cspAllowingFormTarget(redirectUri: string): string {
  const formAction = `form-action 'self' ${new URL(redirectUri).origin}`;
  const directives = (PAGE_HEADERS['content-security-policy'] ?? '').split(/;\s*/).filter((directive) => !directive.startsWith('form-action'));
  return [...directives, formAction].join('; ');
}
