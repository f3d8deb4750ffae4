import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { DescribeExecutionCommand, ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { startTestTwin, type TestTwin } from '../support/twin';
import { detailOf, startIntake, untilStatus } from '../support/agreement-flow';
import { ended, historyWhen, statesEntered } from '../support/history';
import { addTechnician, approvedOnboarding, signInStaff, TICKET_ROUND_POLICY, ticketAction, untilTickets } from '../support/ticket-flow';

/**
 * Recovery on statemachines/onboarding.asl.json with the real handlers: a step that fails for good
 * makes the onboarding FAILED with where it failed; an admin's POST /onboardings/{id}/retry starts
 * `<id>-r<attempt>`, which resumes at that step in the status it failed in and runs to the end.
 * The failures are injected at the DynamoDB client (a refusal DynamoDB Local cannot be asked to
 * produce), once, before the write reaches the table.
 */
let twin: TestTwin;
let accountManager: string;
let analyst: string;
let admin: string;
beforeAll(async () => {
  twin = await startTestTwin({ policy: TICKET_ROUND_POLICY });
  ({ accountManager, analyst, admin } = await signInStaff(twin));
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await twin?.close();
});

const tokens = () => ({ accountManager, analyst });

interface FailureView {
  error: string;
  failedState?: string;
  resumeAt?: string;
  statusBefore?: string;
  nextAttempt?: number;
}

/** Refuses the first `times` transactions `matches` picks: a non-transient error, so the ASL does not retry it. */
function refuseOnce(matches: (items: NonNullable<TransactWriteCommand['input']['TransactItems']>) => boolean, times = 1): { refused: () => number } {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with .call(this, …) from the spy, which replaces it on the prototype
  const original = DynamoDBDocumentClient.prototype.send;
  let refused = 0;
  vi.spyOn(DynamoDBDocumentClient.prototype, 'send').mockImplementation(async function (this: DynamoDBDocumentClient, command: never) {
    if (refused < times && (command as object) instanceof TransactWriteCommand && matches((command as TransactWriteCommand).input.TransactItems ?? [])) {
      refused += 1;
      throw Object.assign(new Error('injected: the write was refused'), { name: 'InjectedRefusal' });
    }
    return (original as (command: never) => Promise<unknown>).call(this, command);
  } as never);
  return { refused: () => refused };
}

const retry = (onboardingId: string, token: string) =>
  twin.request<{ onboardingId: string; executionArn: string; attempt: number; resumeAt: string; status?: number; title?: string }>('POST', `/onboardings/${onboardingId}/retry`, { token });

async function resolveAll(ticketIds: string[], technicianEmail: string) {
  const technician = await twin.token('technician', technicianEmail);
  for (const ticketId of ticketIds) {
    expect((await ticketAction(twin, technician, ticketId, 'acknowledge')).status).toBe(200);
    expect((await ticketAction(twin, technician, ticketId, 'resolve', { summary: 'Opgelost' })).status).toBe(200);
  }
}

describe('retrying a FAILED onboarding', () => {
  it('resumes at the step that failed, in the status it failed in, and completes; a repeated call is the same retry', async () => {
    await addTechnician(twin, admin, { name: 'Hans Herstel', email: 'hans@breakfix.example', skills: ['herstel'], capacity: 5 });
    const fault = refuseOnce((items) => items.some((item) => item.Put?.Item?.entity === 'Ticket' && item.Put.Item.status === 'OPEN'));
    const { onboardingId, executionArn } = await approvedOnboarding(twin, tokens(), 'Herstart B.V.', [{ title: 'Server start niet', skills: ['herstel'] }]);

    const failed = await untilStatus(twin, accountManager, onboardingId, 'FAILED');
    expect(fault.refused()).toBe(1);
    const failure = (failed as unknown as { failure: FailureView }).failure;
    expect(failure).toMatchObject({ error: 'InjectedRefusal', failedState: 'CreateTickets', resumeAt: 'CreateTickets', statusBefore: 'IMPLEMENTING', nextAttempt: 1 });
    const first = await historyWhen(twin, executionArn, ended);
    expect(first.at(-1)?.type).toBe('ExecutionFailed');

    // Only an admin retries.
    expect((await retry(onboardingId, accountManager)).status).toBe(403);
    expect((await retry(onboardingId, analyst)).status).toBe(403);

    const accepted = await retry(onboardingId, admin);
    expect(accepted.status, accepted.text).toBe(202);
    expect(accepted.body).toMatchObject({ onboardingId, attempt: 1, resumeAt: 'CreateTickets' });
    expect(accepted.body.executionArn.endsWith(`:${onboardingId}-r1`)).toBe(true);
    const again = await retry(onboardingId, admin);
    expect(again.status, again.text).toBe(202);
    expect(again.body.executionArn).toBe(accepted.body.executionArn);

    const [ticket] = await untilTickets(twin, accountManager, onboardingId, 1, (t) => t.status === 'ASSIGNED');
    await resolveAll([ticket!.ticketId], 'hans@breakfix.example');
    const resumed = await historyWhen(twin, accepted.body.executionArn, ended, 30_000);
    expect(resumed.at(-1)?.type).toBe('ExecutionSucceeded');
    const entered = statesEntered(resumed);
    expect(entered.slice(0, 4)).toEqual(['ResumeOrStart', 'ResumeOnboarding', 'RouteResume', 'CreateTickets']);
    expect(entered).not.toContain('RegisterOnboarding');
    expect(entered).not.toContain('AwaitClientDecision');
    expect(entered).toContain('OnboardingCompleted');
    const started = await twin.sfn.send(new DescribeExecutionCommand({ executionArn: accepted.body.executionArn }));
    expect(JSON.parse(started.input ?? '{}')).toMatchObject({ onboardingId, resumeAt: 'CreateTickets', attempt: 1, agreement: { agreementVersion: 1 } });

    const detail = await detailOf(twin, accountManager, onboardingId);
    expect(detail.status).toBe('COMPLETED');
    const types = detail.timeline.map((e) => e.type);
    expect(types.filter((t) => t === 'RETRY_REQUESTED_1')).toHaveLength(1);
    expect(types.filter((t) => t === 'RESUMED')).toHaveLength(1);
    expect(types.indexOf('FAILED')).toBeLessThan(types.indexOf('RETRY_REQUESTED_1'));
    expect(detail.timeline.find((e) => e.type === 'RESUMED')).toMatchObject({ status: 'IMPLEMENTING', actor: { kind: 'system', step: 'ResumeOnboarding' } });
    expect(detail.timeline.find((e) => e.type === 'RETRY_REQUESTED_1')?.actor).toMatchObject({ kind: 'staff', email: 'admin@breakfix.example' });
    expect(types.filter((t) => t === 'TICKET_CREATED')).toHaveLength(1);
    expect((detail as unknown as { failure?: unknown }).failure).toBeUndefined();
    // One retry execution: the repeated call started none of its own.
    const { executions = [] } = await twin.sfn.send(new ListExecutionsCommand({ stateMachineArn: twin.twin.stateMachineArn, maxResults: 1000 }));
    expect(executions.filter((e) => e.name?.startsWith(onboardingId)).map((e) => e.name).sort()).toEqual([onboardingId, `${onboardingId}-r1`]);
  }, 120_000);

  it('a failure inside the ticket Map resumes the whole round, without the tickets already resolved', async () => {
    await addTechnician(twin, admin, { name: 'Kees Kassa', email: 'kees@breakfix.example', skills: ['kassa-x'], capacity: 5 });
    const { onboardingId, executionArn } = await approvedOnboarding(twin, tokens(), 'Rondje Opnieuw B.V.', [
      { title: 'Kassa hapert', skills: ['kassa-x'] },
      { title: 'Printer weigert', skills: ['printer-y'] },
    ]);
    // The kassa ticket is assigned and resolved; the printer ticket waits for a technician.
    const tickets = await untilTickets(twin, accountManager, onboardingId, 2, (t) => t.status === 'ASSIGNED' || (t.title === 'Printer weigert' && t.status === 'OPEN'));
    const kassa = tickets.find((t) => t.title === 'Kassa hapert')!;
    const printer = tickets.find((t) => t.title === 'Printer weigert')!;
    await resolveAll([kassa.ticketId], 'kees@breakfix.example');
    await historyWhen(twin, executionArn, (events) => statesEntered(events).includes('AwaitTechnician') && events.at(-1)?.type === 'TaskSubmitted');

    // A technician for the printer wakes its branch; its assignment is refused: the round fails.
    // The ticket's own write (a Put or an Update): it names the ticket and its new status.
    const fault = refuseOnce((items) => items.some((item) => JSON.stringify(item).includes(printer.ticketId) && JSON.stringify(item).includes('"ASSIGNED"')));
    await addTechnician(twin, admin, { name: 'Pim Printer', email: 'pim@breakfix.example', skills: ['printer-y'], capacity: 5 });
    const failed = await untilStatus(twin, accountManager, onboardingId, 'FAILED');
    expect(fault.refused()).toBe(1);
    expect((failed as unknown as { failure: FailureView }).failure).toMatchObject({ resumeAt: 'WorkTickets', statusBefore: 'IMPLEMENTING', nextAttempt: 1 });
    expect(['AssignTechnician', 'TicketFailed']).toContain((failed as unknown as { failure: FailureView }).failure.failedState);

    const accepted = await retry(onboardingId, admin);
    expect(accepted.status, accepted.text).toBe(202);
    expect(accepted.body).toMatchObject({ attempt: 1, resumeAt: 'WorkTickets' });
    const started = await twin.sfn.send(new DescribeExecutionCommand({ executionArn: accepted.body.executionArn }));
    expect((JSON.parse(started.input ?? '{}') as { round?: unknown }).round).toEqual({ ticketIds: [printer.ticketId] });

    await untilTickets(twin, accountManager, onboardingId, 2, (t) => t.status === 'RESOLVED' || t.status === 'ASSIGNED');
    await resolveAll([printer.ticketId], 'pim@breakfix.example');
    const resumed = await historyWhen(twin, accepted.body.executionArn, ended, 30_000);
    expect(resumed.at(-1)?.type).toBe('ExecutionSucceeded');
    const entered = statesEntered(resumed);
    expect(entered.slice(0, 4)).toEqual(['ResumeOrStart', 'ResumeOnboarding', 'RouteResume', 'WorkTickets']);
    expect(entered.filter((s) => s === 'AssignTechnician')).toHaveLength(1);

    const detail = await detailOf(twin, accountManager, onboardingId);
    expect(detail.status).toBe('COMPLETED');
    const assigned = detail.timeline.filter((e) => e.type === 'TICKET_ASSIGNED');
    expect(assigned).toHaveLength(2);
  }, 120_000);

  it('a retry that fails again makes the next one attempt 2, and operations are alerted again', async () => {
    await addTechnician(twin, admin, { name: 'Tom Tweemaal', email: 'tom@breakfix.example', skills: ['tweemaal'], capacity: 5 });
    const fault = refuseOnce((items) => items.some((item) => item.Put?.Item?.entity === 'Ticket' && item.Put.Item.status === 'OPEN'), 2);
    const { onboardingId } = await approvedOnboarding(twin, tokens(), 'Tweede Poging B.V.', [{ title: 'Router knippert', skills: ['tweemaal'] }]);
    await untilStatus(twin, accountManager, onboardingId, 'FAILED');
    const first = await retry(onboardingId, admin);
    expect(first.body).toMatchObject({ attempt: 1, resumeAt: 'CreateTickets' });
    await historyWhen(twin, first.body.executionArn, ended, 30_000);
    const failedAgain = await untilStatus(twin, accountManager, onboardingId, 'FAILED');
    expect(fault.refused()).toBe(2);
    expect((failedAgain as unknown as { failure: FailureView }).failure).toMatchObject({ resumeAt: 'CreateTickets', statusBefore: 'IMPLEMENTING', nextAttempt: 2 });
    expect(failedAgain.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['OPERATIONS_ALERTED', 'OPERATIONS_ALERTED_RETRY_A1']));

    const second = await retry(onboardingId, admin);
    expect(second.status, second.text).toBe(202);
    expect(second.body).toMatchObject({ attempt: 2, resumeAt: 'CreateTickets' });
    expect(second.body.executionArn.endsWith(`:${onboardingId}-r2`)).toBe(true);
    const [ticket] = await untilTickets(twin, accountManager, onboardingId, 1, (t) => t.status === 'ASSIGNED');
    await resolveAll([ticket!.ticketId], 'tom@breakfix.example');
    expect((await historyWhen(twin, second.body.executionArn, ended, 30_000)).at(-1)?.type).toBe('ExecutionSucceeded');
    const types = (await detailOf(twin, accountManager, onboardingId)).timeline.map((e) => e.type);
    expect(types.filter((t) => t === 'RESUMED')).toHaveLength(2);
    expect(types.filter((t) => t.startsWith('RETRY_REQUESTED_'))).toEqual(['RETRY_REQUESTED_1', 'RETRY_REQUESTED_2']);
  }, 120_000);

  it('answers 409 for an onboarding that is not FAILED, and writes nothing', async () => {
    const { onboardingId } = await startIntake(twin, accountManager, 'Niet Mislukt B.V.');
    await untilStatus(twin, accountManager, onboardingId, 'AWAITING_ANALYSIS');
    const before = await detailOf(twin, accountManager, onboardingId);
    const refused = await retry(onboardingId, admin);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.text).toContain('AWAITING_ANALYSIS');
    const after = await detailOf(twin, accountManager, onboardingId);
    expect(after.timeline).toEqual(before.timeline);
    expect((await retry('01JDW3Y8Q7ZK4M2N6P8R0T2V4Y', admin)).status).toBe(404);
  }, 60_000);
});
