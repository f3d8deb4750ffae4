/** The methods staff e-mails name. */
export type ApiMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * An API call as staff read and copy it from an e-mail: "GET https://api.example/onboardings/onb-…".
 * `apiUrl` is the API's public base URL (PUBLIC_BASE_URL, no trailing slash; one is dropped anyway).
 * It is text, not a link: the staff API needs a signed-in caller, which a browser tab is not.
 */
export function apiCall(apiUrl: string, method: ApiMethod, path: string): string {
  return `${method} ${apiUrl.replace(/\/+$/, '')}${path}`;
}
