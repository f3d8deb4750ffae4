import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTION_DEFAULTS } from '../../functions/catalog';
import { startApiEmulator, type ApiEmulator, type ApiLogEntry } from '../../infra/local/api';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('API emulator: a function that outlives its timeout', () => {
  let api: ApiEmulator;
  const logs: ApiLogEntry[] = [];
  const memory: string[] = [];

  beforeAll(async () => {
    api = await startApiEmulator({
      port: 0,
      routes: [
        // Lambda's timeout (1 s) comes before API Gateway's integration timeout (30 s here too).
        { method: 'GET', path: '/sleeps', access: 'public', functionName: 'Sleeper', timeoutSeconds: 1, handler: () => sleep(3_000).then(() => 'late') },
        {
          method: 'GET',
          path: '/quick',
          access: 'public',
          functionName: 'Quick',
          handler: (_event, context) => {
            memory.push(context.memoryLimitInMB);
            return Promise.resolve({ remainingMs: context.getRemainingTimeInMillis() });
          },
        },
      ],
      log: (entry) => logs.push(entry),
    });
  });
  afterAll(() => api.close());

  it('answers 500 {"message":"Internal Server Error"}, as API Gateway does for a Lambda that timed out, and logs Sandbox.Timedout', async () => {
    const answer = await fetch(`${api.url}/sleeps`);
    expect(answer.status).toBe(500);
    expect(await answer.text()).toBe('{"message":"Internal Server Error"}');
    const errors = logs.filter((entry) => entry.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ routeKey: 'GET /sleeps', requestId: answer.headers.get('apigw-requestid') });
    expect(errors[0]!.message).toContain('Sandbox.Timedout');
  });

  it('gives a route without its own limits the catalog default timeout and memory', async () => {
    const answer = await fetch(`${api.url}/quick`);
    expect(answer.status).toBe(200);
    const { remainingMs } = (await answer.json()) as { remainingMs: number };
    expect(remainingMs).toBeLessThanOrEqual(FUNCTION_DEFAULTS.timeoutSeconds * 1000);
    expect(remainingMs).toBeGreaterThan((FUNCTION_DEFAULTS.timeoutSeconds - 5) * 1000);
    expect(memory).toEqual([String(FUNCTION_DEFAULTS.memoryMb)]);
  });
});
