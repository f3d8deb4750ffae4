import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES, startApiEmulator, type ApiEmulator, type ApiLogEntry, type HttpApiHandler } from '../../infra/local/api';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  text: string;
}

function send(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const all = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: all, text: all.toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

describe('API emulator: payload format 2.0 responses and gateway errors', () => {
  let api: ApiEmulator;
  let logs: ApiLogEntry[];
  let called: string[];

  const route = (path: string, result: () => unknown): { method: 'POST'; path: string; access: 'public'; handler: HttpApiHandler } => ({
    method: 'POST',
    path,
    access: 'public',
    // async, so that a throwing `result` rejects as a handler's error would; the result may be a promise.
    handler: async () => {
      called.push(path);
      return await result();
    },
  });

  beforeAll(async () => {
    api = await startApiEmulator({
      port: 0,
      routes: [
        route('/string', () => 'plain words'),
        route('/object', () => ({ items: [1, 2], nextCursor: null })),
        route('/structured', () => ({
          statusCode: 201,
          headers: { 'Content-Type': 'application/problem+json', 'X-Count': 3 },
          cookies: ['a=1; Path=/', 'b=2; HttpOnly'],
          body: '{"status":201}',
        })),
        route('/binary', () => ({ statusCode: 200, headers: { 'content-type': 'image/png' }, body: PNG_BYTES.toString('base64'), isBase64Encoded: true })),
        route('/no-body', () => ({ statusCode: 204 })),
        route('/multi-value', () => ({ statusCode: 200, multiValueHeaders: { 'x-ignored': ['a', 'b'] }, body: 'x' })),
        route('/object-body', () => ({ statusCode: 200, body: { not: 'a string' } })),
        route('/bad-status', () => ({ statusCode: '200', body: 'x' })),
        route('/throws', () => {
          throw new Error('boom in handler');
        }),
        route('/slow', () => new Promise((resolve) => setTimeout(() => resolve('late'), 2_000))),
        route('/echo-size', () => 'received'),
      ],
      log: (entry) => logs.push(entry),
      integrationTimeoutMs: 300,
    });
  });
  afterAll(() => api.close());
  beforeEach(() => {
    logs = [];
    called = [];
  });

  it('answers a string result as a 200 JSON response with the string as body', async () => {
    const answer = await send(api.url, 'POST', '/string');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(answer.text).toBe('plain words');
  });

  it('answers an object without statusCode as 200 with its JSON', async () => {
    const answer = await send(api.url, 'POST', '/object');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('application/json');
    expect(JSON.parse(answer.text)).toEqual({ items: [1, 2], nextCursor: null });
  });

  it('uses statusCode, headers and cookies of a structured response', async () => {
    const answer = await send(api.url, 'POST', '/structured');
    expect(answer.status).toBe(201);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.headers['x-count']).toBe('3');
    expect(answer.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; HttpOnly']);
    expect(answer.headers['apigw-requestid']).toMatch(/^[A-Za-z0-9+/]{14}[A-Za-z0-9+/=]{2}$/);
    expect(answer.text).toBe('{"status":201}');
  });

  it('decodes a base64 body when isBase64Encoded is true', async () => {
    const answer = await send(api.url, 'POST', '/binary');
    expect(answer.headers['content-type']).toBe('image/png');
    expect(answer.body.equals(PNG_BYTES)).toBe(true);
  });

  it('sends an empty body when a structured response has none', async () => {
    const answer = await send(api.url, 'POST', '/no-body');
    expect(answer.status).toBe(204);
    expect(answer.text).toBe('');
  });

  it('ignores multiValueHeaders, which payload 2.0 does not have', async () => {
    const answer = await send(api.url, 'POST', '/multi-value');
    expect(answer.headers).not.toHaveProperty('x-ignored');
  });

  it('answers 500 {"message":"Internal Server Error"} for a malformed structured response', async () => {
    for (const path of ['/object-body', '/bad-status']) {
      const answer = await send(api.url, 'POST', path);
      expect(answer.status, path).toBe(500);
      expect(answer.text).toBe('{"message":"Internal Server Error"}');
    }
    expect(logs.filter((l) => l.level === 'error').map((l) => l.message)).toEqual([
      'handler returned a malformed response',
      'handler returned a malformed response',
    ]);
  });

  it('answers 500 when the handler throws, logging the error but not the request', async () => {
    const secret = 'do-not-log-this-body';
    const answer = await send(api.url, 'POST', '/throws', { authorization: 'Bearer secret-token', 'content-type': 'application/json' }, JSON.stringify({ secret }));
    expect(answer.status).toBe(500);
    expect(answer.text).toBe('{"message":"Internal Server Error"}');
    expect(answer.headers['content-type']).toBe('application/json');

    const errors = logs.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ message: 'handler threw', routeKey: 'POST /throws', requestId: answer.headers['apigw-requestid'] });
    expect(errors[0]!.error).toContain('boom in handler');
    const logged = JSON.stringify(logs);
    expect(logged).not.toContain(secret);
    expect(logged).not.toContain('secret-token');
  });

  it('answers 503 {"message":"Service Unavailable"} when the integration times out', async () => {
    const answer = await send(api.url, 'POST', '/slow');
    expect(answer.status).toBe(503);
    expect(answer.text).toBe('{"message":"Service Unavailable"}');
  });

  it('answers 413 above 10 MB without calling the handler, and accepts exactly 10 MB', async () => {
    const tooLarge = await send(api.url, 'POST', '/echo-size', { 'content-type': 'application/octet-stream' }, Buffer.alloc(MAX_PAYLOAD_BYTES + 1, 1));
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toBe('{"message":"Request Entity Too Large"}');
    expect(called).toEqual([]);

    const atLimit = await send(api.url, 'POST', '/echo-size', { 'content-type': 'application/octet-stream' }, Buffer.alloc(MAX_PAYLOAD_BYTES, 1));
    expect(atLimit.status).toBe(200);
    expect(called).toEqual(['/echo-size']);
  });

  it('also answers 413 for an oversized chunked upload that declares no length', async () => {
    const { hostname, port } = new URL(api.url);
    const answer = await new Promise<number>((resolve, reject) => {
      const req = request({ hostname, port, path: '/echo-size', method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(1024 * 1024, 1);
      for (let i = 0; i < 11; i++) req.write(chunk);
      req.end();
    });
    expect(answer).toBe(413);
    expect(called).toEqual([]);
  });
});
