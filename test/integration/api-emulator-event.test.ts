import { request } from 'node:http';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { match } from '../support/matchers';
import { startApiEmulator, type ApiEmulator, type HttpApiEvent } from '../../infra/local/api';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

function send(base: string, method: string, path: string, headers: Record<string, string | string[]> = {}, body?: string | Buffer): Promise<Answer> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('API emulator: payload format 2.0 request events', () => {
  let api: ApiEmulator;
  let calls: { routeName: string; event: HttpApiEvent; context: Context }[];

  const recorder = (routeName: string) => (event: HttpApiEvent, context: Context) => {
    calls.push({ routeName, event, context });
    return Promise.resolve({ statusCode: 204 });
  };
  const only = () => {
    expect(calls).toHaveLength(1);
    return calls[0]!;
  };

  beforeAll(async () => {
    api = await startApiEmulator({
      port: 0,
      routes: [
        { method: 'POST', path: '/onboardings', access: 'public', handler: recorder('create'), functionName: 'CreateOnboarding', timeoutSeconds: 10, memoryMb: 256 },
        { method: 'GET', path: '/onboardings/{id}', access: 'public', handler: recorder('get') },
        { method: 'POST', path: '/tickets/{id}/resolve', access: 'public', handler: recorder('resolve') },
        { method: 'GET', path: '/tickets/{id}', access: 'public', handler: recorder('ticket') },
        { method: 'GET', path: '/tickets/mine', access: 'public', handler: recorder('mine') },
        { method: 'POST', path: '/agreements/{token}', access: 'public', handler: recorder('decide') },
      ],
      log: () => {},
    });
  });
  afterAll(() => api.close());
  beforeEach(() => {
    calls = [];
  });

  it('matches {param} routes, decodes the parameter and names the route by its template', async () => {
    const answer = await send(api.url, 'POST', '/tickets/t%2F1%20x/resolve');
    expect(answer.status).toBe(204);
    const { event } = only();
    expect(event.routeKey).toBe('POST /tickets/{id}/resolve');
    expect(event.requestContext.routeKey).toBe('POST /tickets/{id}/resolve');
    expect(event.rawPath).toBe('/tickets/t%2F1%20x/resolve');
    expect(event.requestContext.http.path).toBe('/tickets/t%2F1%20x/resolve');
    expect(event.pathParameters).toEqual({ id: 't/1 x' });
  });

  it('prefers a literal segment over a parameter', async () => {
    await send(api.url, 'GET', '/tickets/mine');
    expect(only().routeName).toBe('mine');
  });

  it('answers 404 {"message":"Not Found"} for an unknown path, a wrong method or a trailing slash', async () => {
    for (const [method, path] of [['GET', '/nope'], ['DELETE', '/onboardings/o-1'], ['GET', '/onboardings'], ['GET', '/onboardings/o-1/']] as const) {
      const answer = await send(api.url, method, path);
      expect(answer.status, `${method} ${path}`).toBe(404);
      expect(answer.text).toBe('{"message":"Not Found"}');
      expect(answer.headers['content-type']).toBe('application/json');
    }
    expect(calls).toHaveLength(0);
  });

  it('answers GET / with an index of what runs here', async () => {
    const answer = await send(api.url, 'GET', '/');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ routes: match.arrayContaining(['POST /onboardings', 'GET /onboardings/{id}']) });
  });

  it('builds the 2.0 event with requestContext as API Gateway does', async () => {
    const answer = await send(api.url, 'POST', '/onboardings', { 'user-agent': 'vitest-agent', 'content-type': 'application/json' }, '{"a":1}');
    const { event } = only();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /onboardings',
      rawPath: '/onboardings',
      rawQueryString: '',
      body: '{"a":1}',
      isBase64Encoded: false,
      requestContext: {
        accountId: match.stringMatching(/^\d{12}$/),
        apiId: match.any(String),
        domainName: '127.0.0.1',
        domainPrefix: '127',
        http: { method: 'POST', path: '/onboardings', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest-agent' },
        requestId: answer.headers['apigw-requestid'],
        routeKey: 'POST /onboardings',
        stage: '$default',
        time: match.stringMatching(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/),
        timeEpoch: match.any(Number),
      },
    });
    expect(event).not.toHaveProperty('pathParameters');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
    expect(event.requestContext).not.toHaveProperty('authorizer');
    expect(Math.abs(event.requestContext.timeEpoch - Date.now())).toBeLessThan(5000);
  });

  it('passes a Lambda context named after the route’s function', async () => {
    await send(api.url, 'POST', '/onboardings');
    const { context } = only();
    expect(context.functionName).toBe('CreateOnboarding');
    expect(context.functionVersion).toBe('$LATEST');
    expect(context.memoryLimitInMB).toBe('256');
    expect(context.invokedFunctionArn).toMatch(/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:CreateOnboarding$/);
    expect(context.awsRequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(context.logGroupName).toBe('/aws/lambda/CreateOnboarding');
    const remaining = context.getRemainingTimeInMillis();
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThanOrEqual(10_000);
  });

  it('parses the query string: repeated names joined with commas, values percent-decoded', async () => {
    await send(api.url, 'GET', '/onboardings/o-1?status=A&status=B&limit=5&q=a%20b%2Cc&flag');
    const { event } = only();
    expect(event.rawQueryString).toBe('status=A&status=B&limit=5&q=a%20b%2Cc&flag');
    expect(event.queryStringParameters).toEqual({ status: 'A,B', limit: '5', q: 'a b,c', flag: '' });
  });

  it('lower-cases header names, joins repeated headers with commas and moves cookies out', async () => {
    await send(api.url, 'GET', '/onboardings/o-1', { 'X-Custom-Header': 'Value', 'X-Dup': ['one', 'two'], Cookie: 'a=1; b=2' });
    const { event } = only();
    expect(event.headers['x-custom-header']).toBe('Value');
    expect(event.headers['x-dup']).toBe('one,two');
    expect(event.headers).not.toHaveProperty('X-Custom-Header');
    expect(event.headers).not.toHaveProperty('cookie');
    expect(event.cookies).toEqual(['a=1', 'b=2']);
    expect(event.headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(Object.keys(event.headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  describe('body encoding', () => {
    const bodyFor = async (headers: Record<string, string>, body: string | Buffer | undefined) => {
      calls = [];
      await send(api.url, 'POST', '/agreements/tok', headers, body);
      const { event } = only();
      return { body: event.body, isBase64Encoded: event.isBase64Encoded };
    };
    const form = 'decision=approve&name=Jan+de+Vries';
    const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');

    it('keeps text for text/*, application/json, application/xml and application/javascript, parameters ignored', async () => {
      for (const type of ['application/json', 'Application/JSON; charset=utf-8', 'text/plain; charset=UTF-8', 'text/html', 'application/xml', 'application/javascript']) {
        expect(await bodyFor({ 'content-type': type }, 'héllo'), type).toEqual({ body: 'héllo', isBase64Encoded: false });
      }
    });

    it('base64-encodes a form post, a missing content type and every other type', async () => {
      expect(await bodyFor({ 'content-type': 'application/x-www-form-urlencoded' }, form)).toEqual({ body: b64(form), isBase64Encoded: true });
      expect(await bodyFor({}, '{"a":1}')).toEqual({ body: b64('{"a":1}'), isBase64Encoded: true });
      expect(await bodyFor({ 'content-type': 'application/problem+json' }, '{}')).toEqual({ body: b64('{}'), isBase64Encoded: true });
      const bytes = Buffer.from([0, 255, 1, 128]);
      expect(await bodyFor({ 'content-type': 'application/octet-stream' }, bytes)).toEqual({ body: bytes.toString('base64'), isBase64Encoded: true });
    });

    it('leaves body out when there is none', async () => {
      const result = await bodyFor({ 'content-type': 'application/json' }, undefined);
      expect(result).toEqual({ body: undefined, isBase64Encoded: false });
      expect(calls[0]!.event).not.toHaveProperty('body');
    });
  });
});
