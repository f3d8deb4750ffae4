/** A minimal loopback client for the twin's API: one fetch, the body always read, the status checked. */
export class TwinClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {
    const { hostname } = new URL(baseUrl);
    if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '[::1]') {
      throw new Error(`The benchmark only talks to loopback, not ${baseUrl}`);
    }
  }

  /** A client carrying a token from the twin's local issuer, as `test/support/twin.ts` gets one. */
  static async signedIn(baseUrl: string, role: string, email: string): Promise<TwinClient> {
    const response = await fetch(`${baseUrl}/local/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role, email }),
    });
    if (!response.ok) throw new Error(`local issuer answered ${response.status}`);
    const { idToken } = (await response.json()) as { idToken: string };
    return new TwinClient(baseUrl, idToken);
  }

  /** Sends one request; throws unless the status is `expect`. Returns the parsed JSON body (or text). */
  async call<T = unknown>(method: string, path: string, expect: number, options: { json?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let body: string | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const text = await response.text();
    if (response.status !== expect) throw new Error(`${method} ${path} answered ${response.status}, expected ${expect}: ${text.slice(0, 300)}`);
    try {
      return JSON.parse(text) as T;
    } catch {
      return text as T;
    }
  }
}

/** Polls `probe` until it returns true or the time is up (bounded: throws on timeout). */
export async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe()) return;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${what}: not reached within ${timeoutMs} ms`);
}
