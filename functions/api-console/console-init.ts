/**
 * The console's initializer, served as `/docs/console-init.js` (a file, so the page's CSP needs no
 * inline script). Every URL is built relative to this script's own URL, so the console works
 * under any stage prefix: the OpenAPI document one level up, Swagger UI's OAuth2 redirect page
 * next to it. The app client id comes from the script tag's `data-client-id`.
 *
 * - PKCE (S256) with the authorization-code grant, for a public client (no secret);
 * - the security scheme's `x-tokenName: id_token` makes Swagger UI send the ID token;
 * - no validator badge (it would load an image from validator.swagger.io), no `?url=` or
 *   `?configUrl=` from the query string, nothing remembered across reloads.
 */
export const CONSOLE_INIT_JS = `(function () {
  'use strict';
  var script = document.currentScript;
  var here = script.src;
  var ui = SwaggerUIBundle({
    url: new URL('../openapi.json', here).href,
    dom_id: '#swagger-ui',
    oauth2RedirectUrl: new URL('oauth2-redirect.html', here).href,
    persistAuthorization: false,
    validatorUrl: null,
    queryConfigEnabled: false,
    deepLinking: false,
    displayRequestDuration: true
  });
  ui.initOAuth({
    clientId: script.dataset.clientId,
    usePkceWithAuthorizationCodeGrant: true,
    scopes: 'openid email profile'
  });
  window.ui = ui;
})();
`;
