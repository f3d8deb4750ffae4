import { ListExecutionsCommand, SFNClient, StopExecutionCommand } from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { match } from '../support/matchers';
import { startTestTwin, eventually, type TestTwin } from '../support/twin';
import { validIntake } from '../support/fixtures';

let twin: TestTwin;
let accountManager: string;
beforeAll(async () => {
  twin = await startTestTwin();
  accountManager = await twin.token('account-manager', 'am@breakfix.example');
});
afterAll(async () => {
  vi.restoreAllMocks();
  await twin?.close();
});

async function executionCount(): Promise<number> {
  const { executions } = await twin.sfn.send(new ListExecutionsCommand({ stateMachineArn: twin.twin.stateMachineArn }));
  return executions?.length ?? 0;
}

/** Runs a request that must be rejected and proves it wrote nothing and started nothing. */
async function rejectedWithoutSideEffects(send: () => ReturnType<TestTwin['request']>) {
  const items = await twin.tableItemCount();
  const executions = await executionCount();
  const response = await send();
  expect(await twin.tableItemCount()).toBe(items);
  expect(await executionCount()).toBe(executions);
  return response;
}

const post = (options: Parameters<TestTwin['request']>[2]) => twin.request('POST', '/onboardings', options);

describe('authentication and roles', () => {
  it.each([
    ['no token', undefined],
    ['a garbled token', 'not.a.jwt'],
    ['a token signed by someone else', 'eyJhbGciOiJSUzI1NiIsImtpZCI6IngifQ.eyJzdWIiOiJ4In0.c2ln'],
  ])('answers 401 with API Gateway’s own body for %s', async (_case, token) => {
    const response = await rejectedWithoutSideEffects(() => post({ json: validIntake(), ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}) }));
    expect(response.status).toBe(401);
    expect(response.text).toBe('{"message":"Unauthorized"}');
  });

  it('answers 403 problem+json when the role may not do this', async () => {
    const technician = await twin.token('technician');
    const response = await rejectedWithoutSideEffects(() => post({ token: technician, json: validIntake() }));
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({ status: 403, title: 'Forbidden' });
  });

  it('lets every staff role read', async () => {
    for (const role of ['account-manager', 'analyst', 'technician', 'admin'] as const) {
      const response = await twin.request('GET', '/onboardings', { token: await twin.token(role) });
      expect(response.status, role).toBe(200);
    }
  });
});

describe('bad input: a clear 4xx naming the field, nothing written', () => {
  it('400 for malformed JSON', async () => {
    const response = await rejectedWithoutSideEffects(() =>
      post({ token: accountManager, body: '{"client": {', headers: { 'content-type': 'application/json' } }),
    );
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ title: 'Malformed request body', status: 400 });
  });

  it('400 naming every invalid and unknown field', async () => {
    const body = validIntake() as Record<string, unknown>;
    body.surprise = true;
    (body.contacts as Array<Record<string, unknown>>)[0]!.email = 'nope';
    const response = await rejectedWithoutSideEffects(() => post({ token: accountManager, json: body }));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.body).toMatchObject({
      type: match.stringContaining('validation-error'),
      errors: match.arrayContaining([
        { pointer: '/surprise', message: 'Unknown field' },
        { pointer: '/contacts/0/email', message: 'Not a valid e-mail address' },
      ]),
    });
  });

  it('415 for a form body, which API Gateway delivers base64-encoded', async () => {
    const response = await rejectedWithoutSideEffects(() =>
      post({ token: accountManager, body: 'client=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    );
    expect(response.status).toBe(415);
  });

  it('413 for a body over 256 KB', async () => {
    const body = validIntake();
    body.expectations.summary = 'x'.repeat(300 * 1024);
    const response = await rejectedWithoutSideEffects(() => post({ token: accountManager, json: body }));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ status: 413 });
  });

  it('400 naming the query parameter on a bad list request; 404 for an unknown onboarding', async () => {
    for (const query of ['status=DONE', 'limit=101', 'limit=0', 'cursor=abc', 'colour=red']) {
      const response = await twin.request<{ errors: Array<{ parameter: string }> }>('GET', `/onboardings?${query}`, { token: accountManager });
      expect(response.status, query).toBe(400);
      expect(response.body.errors[0]!.parameter, query).toBe(query.split('=')[0]);
    }
    for (const id of ['onb-01JZZZZZZZZZZZZZZZZZZZZZZZ', 'nonsense', '%3Cscript%3E']) {
      const response = await twin.request('GET', `/onboardings/${id}`, { token: accountManager });
      expect(response.status, id).toBe(404);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
  });
});

describe('Idempotency-Key', () => {
  it('replays the same onboarding for the same key and body, 409 for another body, and is per caller', async () => {
    const headers = { 'idempotency-key': 'intake-001' };
    const first = await post({ token: accountManager, json: validIntake(), headers });
    expect(first.status).toBe(202);
    const replay = await post({ token: accountManager, json: validIntake(), headers });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ onboardingId: (first.body as { onboardingId: string }).onboardingId, executionArn: (first.body as { executionArn: string }).executionArn });

    // Let the first onboarding's workflow settle (it waits for the analysis), so the table only
    // changes if the rejected request writes.
    await eventually(async () => {
      const detail = await twin.request<{ status: string; timeline: Array<{ type: string }> }>('GET', `/onboardings/${(first.body as { onboardingId: string }).onboardingId}`, { token: accountManager });
      return detail.body.timeline.some((e) => e.type === 'AWAITING_ANALYSIS') ? true : undefined;
    });
    const conflict = await rejectedWithoutSideEffects(() =>
      post({ token: accountManager, json: validIntake({ expectations: { summary: 'Iets anders' } }), headers }),
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ errors: [{ parameter: 'Idempotency-Key' }] });

    const otherCaller = await post({ token: await twin.token('admin', 'other@breakfix.example'), json: validIntake(), headers });
    expect(otherCaller.status).toBe(202);
    expect((otherCaller.body as { onboardingId: string }).onboardingId).not.toBe((first.body as { onboardingId: string }).onboardingId);
  });

  it('replays after the execution closed (ExecutionAlreadyExists counts as success)', async () => {
    const headers = { 'idempotency-key': 'intake-late-replay' };
    const first = await post({ token: accountManager, json: validIntake(), headers });
    const { onboardingId, executionArn } = first.body as { onboardingId: string; executionArn: string };
    await eventually(async () => {
      const detail = await twin.request<{ status: string }>('GET', `/onboardings/${onboardingId}`, { token: accountManager });
      return detail.body.status === 'AWAITING_ANALYSIS' ? true : undefined;
    });
    await twin.sfn.send(new StopExecutionCommand({ executionArn, error: 'TestStop' }));
    const replay = await post({ token: accountManager, json: validIntake(), headers });
    expect(replay.status).toBe(202);
    expect(replay.body).toMatchObject({ onboardingId, executionArn, status: 'AWAITING_ANALYSIS' });
  });

  it('repairs a request that stored the onboarding but failed to start its execution', async () => {
    // Fault injection: Step Functions is unavailable once (the emulator cannot produce that).
    const unavailable = Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
    const send = vi.spyOn(SFNClient.prototype, 'send').mockRejectedValueOnce(unavailable);
    const headers = { 'idempotency-key': 'intake-repair' };
    const failed = await post({ token: accountManager, json: validIntake(), headers });
    expect(failed.status).toBe(503);
    expect(failed.body).toMatchObject({ title: 'Temporarily unavailable' });
    expect(failed.headers.get('retry-after')).toBe('2');
    expect(failed.headers.get('content-type')).toBe('application/problem+json');
    send.mockRestore();

    const executions = await executionCount();
    const replay = await post({ token: accountManager, json: validIntake(), headers });
    expect(replay.status).toBe(202);
    const { onboardingId } = replay.body as { onboardingId: string };
    expect(await executionCount()).toBe(executions + 1);
    const registered = await eventually(async () => {
      const detail = await twin.request<{ status: string }>('GET', `/onboardings/${onboardingId}`, { token: accountManager });
      return detail.body.status === 'AWAITING_ANALYSIS' ? detail.body : undefined;
    });
    expect(registered.status).toBe('AWAITING_ANALYSIS');
    const list = await twin.request<{ items: Array<{ onboardingId: string }> }>('GET', '/onboardings?limit=100', { token: accountManager });
    expect(list.body.items.filter((i) => i.onboardingId === onboardingId)).toHaveLength(1);
    const again = await post({ token: accountManager, json: validIntake(), headers });
    expect(again.body).toMatchObject({ onboardingId });
    const detail = await twin.request<{ timeline: Array<{ type: string }> }>('GET', `/onboardings/${onboardingId}`, { token: accountManager });
    expect(detail.body.timeline.filter((e) => e.type === 'INTAKE_RECEIVED')).toHaveLength(1);
  });
});
