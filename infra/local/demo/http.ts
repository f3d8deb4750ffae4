import type { Role } from '../../../functions/catalog';

/**
 * The demo's only ways in: the public HTTP API (as a browser, a script with a staff token or the
 * client's e-mail links would call it) and the SES emulator's store (the "inbox"). An answer with a
 * status the script did not expect stops the demo with what was asked and what came back.
 */
export class DemoHttpError extends Error {
  constructor(
    readonly request: string,
    readonly status: number,
    readonly expected: readonly number[],
    body: string,
  ) {
    super(`${request} answered ${status} (expected ${expected.join(' or ')}): ${body.replace(/\s+/g, ' ').slice(0, 400)}`);
  }
}

export interface Answer<T> {
  status: number;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string;
  json?: unknown;
  /** Sent as application/x-www-form-urlencoded, as a browser submits a form. */
  form?: Record<string, string>;
  /** The statuses this step expects; anything else fails the demo. Default 200. */
  expect?: readonly number[];
}

export class DemoApi {
  constructor(readonly baseUrl: string) {}

  async call<T = Record<string, unknown>>(method: string, pathOrUrl: string, options: CallOptions = {}): Promise<Answer<T>> {
    const url = new URL(pathOrUrl, this.baseUrl);
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(options.form).toString();
    }
    const request = `${method} ${url.pathname}${url.search}`;
    const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.text();
    const expected = options.expect ?? [200];
    if (!expected.includes(response.status)) throw new DemoHttpError(request, response.status, expected, text);
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('json')) parsed = JSON.parse(text);
    return { status: response.status, body: parsed as T, text };
  }

  /** A Cognito-shaped ID token from the twin's local issuer, exactly as `npm run token` gets one. */
  async token(role: Role, email: string): Promise<string> {
    const answer = await this.call<{ idToken: string }>('POST', '/local/token', { json: { role, email } });
    return answer.body.idToken;
  }
}

export interface Email {
  messageId: string;
  from: string;
  destination: { to: string[]; cc?: string[]; bcc?: string[] };
  subject: string;
  body: { html?: string; text?: string };
  /** Whole seconds since the epoch, as the emulator stamps it. */
  at: number;
}

/** Everything the SES emulator has accepted, oldest first. */
export async function inbox(sesUrl: string): Promise<Email[]> {
  const response = await fetch(`${sesUrl}/store`);
  if (!response.ok) throw new DemoHttpError('GET <ses>/store', response.status, [200], await response.text());
  const { emails } = (await response.json()) as { emails: Email[] };
  return [...emails].sort((a, b) => a.at - b.at);
}

/** The first link to `/<kind>/<token>` in an e-mail's text part. */
export function linkIn(email: Email, kind: 'agreements' | 'problems' | 'feedback'): string | undefined {
  return email.body.text?.match(new RegExp(`https?://\\S+/${kind}/[A-Za-z0-9_-]{43}`))?.[0];
}

/** What a browser reads from a served form: where it posts, and its hidden fields. */
export function formOf(html: string, pageUrl: string): { action: string; hidden: Record<string, string> } {
  const action = /<form[^>]*\saction="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`no <form action> on the page at ${new URL(pageUrl).pathname}`);
  const hidden: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) hidden[match[1]!] = match[2]!;
  return { action: new URL(action.replace(/&amp;/g, '&'), pageUrl).toString(), hidden };
}
