import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { match } from '../support/matchers';
import { startTestTwin, eventually, type TestTwin } from '../support/twin';
import { validIntake } from '../support/fixtures';

const run = promisify(execFile);
const AWS_CLI = '/usr/bin/aws';

let twin: TestTwin;
let accountManager: string;
beforeAll(async () => {
  twin = await startTestTwin();
  accountManager = await twin.token('account-manager', 'am@breakfix.example');
});
afterAll(async () => {
  await twin?.close();
});

interface Accepted {
  onboardingId: string;
  status: string;
  executionArn: string;
}
interface Detail {
  onboardingId: string;
  status: string;
  client: { companyName: string };
  incidents: Array<{ id: string; title: string }>;
  accountManager: { email: string };
  timeline: Array<{ type: string; status?: string; actor: { kind: string; email?: string; step?: string } }>;
}

async function intake(body = validIntake()) {
  const response = await twin.request<Accepted>('POST', '/onboardings', { token: accountManager, json: body });
  expect(response.status, response.text).toBe(202);
  return response.body;
}

/** Registered, then handed on to the analysts: the workflow waits in AwaitAnalysis. */
async function untilRegistered(onboardingId: string) {
  return eventually(async () => {
    const response = await twin.request<Detail>('GET', `/onboardings/${onboardingId}`, { token: accountManager });
    const detail = response.body;
    return detail.status === 'AWAITING_ANALYSIS' && detail.timeline.some((e) => e.type === 'ANALYSTS_NOTIFIED') ? detail : undefined;
  });
}

describe('intake → REGISTERED → AWAITING_ANALYSIS on the twin, over HTTP', () => {
  let accepted: Accepted;
  let detail: Detail;

  beforeAll(async () => {
    accepted = await intake();
    detail = await untilRegistered(accepted.onboardingId);
  });

  it('answers 202 with the onboarding id, RECEIVED and the execution named after it', () => {
    expect(accepted.onboardingId).toMatch(/^onb-[0-9A-Z]{26}$/);
    expect(accepted.status).toBe('RECEIVED');
    expect(accepted.executionArn).toBe(`${twin.twin.stateMachineArn.replace(':stateMachine:', ':execution:')}:${accepted.onboardingId}`);
  });

  it('shows the registered onboarding with its timeline and who did each step', () => {
    expect(detail.client.companyName).toBe('Bakkerij De Korenschoof B.V.');
    expect(detail.incidents.map((i) => i.id)).toEqual(['inc-01', 'inc-02']);
    expect(detail.accountManager.email).toBe('am@breakfix.example');
    expect(detail.timeline.map((e) => e.type)).toEqual(['INTAKE_RECEIVED', 'REGISTERED', 'CLIENT_CONFIRMATION_SENT', 'ANALYSTS_NOTIFIED', 'AWAITING_ANALYSIS']);
    expect(detail.timeline[0]!.actor).toMatchObject({ kind: 'staff', email: 'am@breakfix.example' });
    expect(detail.timeline[1]!.actor).toEqual({ kind: 'system', step: 'RegisterOnboarding' });
  });

  it('e-mails the primary contact a Dutch confirmation and the analysts a notification', async () => {
    const mails = await twin.inbox();
    const confirmation = mails.find((m) => m.destination.to.includes('sanne@korenschoof.example'));
    expect(confirmation?.subject).toBe('Uw aanmelding voor Break & Fix is geregistreerd – Bakkerij De Korenschoof B.V.');
    expect(confirmation?.body.text).toContain(accepted.onboardingId);
    expect(confirmation?.body.html).toContain('Beste Sanne de Vries');
    const analysts = mails.find((m) => m.destination.to.includes('analysts@breakfix.example'));
    expect(analysts?.subject).toContain('Nieuwe onboarding voor analyse: Bakkerij De Korenschoof B.V.');
    // The billing contact is not the one to confirm to.
    expect(mails.some((m) => m.destination.to.includes('administratie@korenschoof.example'))).toBe(false);
  });

  it('lists it by status through the status index, page by page', async () => {
    const second = await intake(validIntake({ client: { companyName: 'Tweede B.V.', locale: 'en' } }));
    await untilRegistered(second.onboardingId);
    const first = await twin.request<{ items: Array<{ onboardingId: string; status: string; statusSince: string }>; nextCursor: string | null }>(
      'GET',
      '/onboardings?status=AWAITING_ANALYSIS&limit=1',
      { token: accountManager },
    );
    expect(first.status).toBe(200);
    expect(first.body.items.map((i) => i.onboardingId)).toEqual([second.onboardingId]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const next = await twin.request<{ items: Array<{ onboardingId: string; statusSince: string }>; nextCursor: string | null }>(
      'GET',
      `/onboardings?status=AWAITING_ANALYSIS&limit=1&cursor=${encodeURIComponent(first.body.nextCursor!)}`,
      { token: await twin.token('analyst') },
    );
    expect(next.body.items.map((i) => i.onboardingId)).toEqual([accepted.onboardingId]);
    // Newest status first: ordered by when each entered AWAITING_ANALYSIS.
    expect(first.body.items[0]!.statusSince > next.body.items[0]!.statusSince).toBe(true);
    const all = await twin.request<{ items: unknown[] }>('GET', '/onboardings', { token: accountManager });
    expect(all.body.items).toHaveLength(2);
    const registered = await twin.request<{ items: unknown[] }>('GET', '/onboardings?status=REGISTERED', { token: accountManager });
    expect(registered.body.items).toEqual([]);
  });

  describe('the AWS CLI (Debian awscli, --endpoint-url) against the twin', () => {
    /** The CLI's JSON output, as the shape the caller names (each test checks the fields it reads). */
    const cli = async <T>(...args: string[]): Promise<T> => {
      const { stdout } = await run(AWS_CLI, [...args, '--region', twin.twin.region, '--output', 'json'], {
        env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' },
      });
      return JSON.parse(stdout) as T;
    };
    const sfn = <T>(...args: string[]) => cli<T>('stepfunctions', ...args, '--endpoint-url', twin.twin.urls.stepFunctions);

    it('lists the state machine and describes the execution, waiting for the analysis', async () => {
      const machines = await sfn<{ stateMachines: Array<{ stateMachineArn: string }> }>('list-state-machines');
      expect(machines.stateMachines.map((m) => m.stateMachineArn)).toEqual([twin.twin.stateMachineArn]);
      const execution = await sfn<{ input: string }>('describe-execution', '--execution-arn', accepted.executionArn);
      expect(execution).toMatchObject({ name: accepted.onboardingId, status: 'RUNNING', stateMachineArn: twin.twin.stateMachineArn });
      expect(JSON.parse(execution.input)).toEqual({ onboardingId: accepted.onboardingId, policy: match.any(Object) });
    });

    it('reads the execution history with AWS event types', async () => {
      const history = await sfn<{ events: Array<{ type: string }> }>('get-execution-history', '--execution-arn', accepted.executionArn);
      const types = history.events.map((e) => e.type);
      expect(types[0]).toBe('ExecutionStarted');
      expect(types).toContain('TaskStateEntered');
      expect(types).toContain('TaskSucceeded');
      expect(types.at(-1)).toBe('TaskSubmitted');
    });

    it('reads the onboarding from the table', async () => {
      const item = await cli<{ Item: Record<string, unknown> }>(
        'dynamodb',
        'get-item',
        '--table-name',
        twin.twin.tableName,
        '--key',
        JSON.stringify({ pk: { S: `ONBOARDING#${accepted.onboardingId}` }, sk: { S: 'AGGREGATE' } }),
        '--endpoint-url',
        twin.twin.urls.dynamodb,
      );
      expect(item.Item.status).toEqual({ S: 'AWAITING_ANALYSIS' });
      expect(item.Item.byStatusPk).toEqual({ S: 'STATUS#AWAITING_ANALYSIS' });
    });
  });
});
