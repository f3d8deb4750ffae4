import { StartExecutionCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { SESv2Client, type SendEmailCommand } from '@aws-sdk/client-sesv2';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { match } from '../support/matchers';
import { startTestTwin, eventually, type TestTwin } from '../support/twin';
import { validIntake } from '../support/fixtures';
import { ended, historyWhen, waitingIn } from '../support/history';
import { LOCAL_STAGE } from '../../infra/stage-config';

/**
 * statemachines/onboarding.asl.json itself, with its substitutions, on the twin's engine and the
 * real handlers; faults the emulators cannot produce (SES throttling, a rejected message) are
 * injected at the SDK client. Assertions are on the execution history, as AWS records it.
 */
let twin: TestTwin;
let token: string;
beforeAll(async () => {
  twin = await startTestTwin();
  token = await twin.token('account-manager');
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await twin?.close();
});

async function startOnboarding(companyName: string): Promise<{ onboardingId: string; executionArn: string }> {
  const response = await twin.request<{ onboardingId: string; executionArn: string }>('POST', '/onboardings', {
    token,
    json: validIntake({ client: { companyName, locale: 'nl' } }),
  });
  expect(response.status, response.text).toBe(202);
  return response.body;
}

/** Registration is done once the execution waits in AwaitAnalysis, or the execution has ended. */
const finishedHistory = (executionArn: string) => historyWhen(twin, executionArn, (events) => ended(events) || waitingIn('AwaitAnalysis')(events));

const entered = (events: HistoryEvent[]) => events.filter((e) => e.type?.endsWith('StateEntered')).map((e) => e.stateEnteredEventDetails?.name);

/** Fails SES sends that match `predicate` with `error`, `times` times (Infinity: always); others go through. */
function failSesSends(predicate: (command: SendEmailCommand) => boolean, error: Error, times = 1) {
  // eslint-disable-next-line @typescript-eslint/unbound-method -- kept to be called with .call(this, …) from the spy, which replaces it on the prototype
  const original = SESv2Client.prototype.send;
  let remaining = times;
  return vi.spyOn(SESv2Client.prototype, 'send').mockImplementation(function (this: SESv2Client, command: never) {
    if (remaining > 0 && predicate(command)) {
      remaining -= 1;
      return Promise.reject(error);
    }
    return (original as (command: never) => Promise<unknown>).call(this, command);
  } as never);
}

const to = (address: string) => (command: SendEmailCommand) => command.input.Destination?.ToAddresses?.includes(address) ?? false;
const throttled = () => Object.assign(new Error('Maximum sending rate exceeded'), { name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });

describe('onboarding.asl.json on the twin', () => {
  it('happy path: RegisterOnboarding succeeds and the execution waits for the analysis', async () => {
    const { executionArn } = await startOnboarding('Happy B.V.');
    const events = await finishedHistory(executionArn);
    expect(events.map((e) => e.type)).toEqual([
      'ExecutionStarted',
      // ResumeOrStart: not a retry, so to the registration.
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
    ]);
    expect(entered(events)).toEqual(['ResumeOrStart', 'RegisterOnboarding', 'AwaitAnalysis']);
    const waiting = events.filter((e) => e.type === 'TaskScheduled')[1]!.taskScheduledEventDetails!;
    expect(waiting).toMatchObject({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken' });
    const scheduled = events.find((e) => e.type === 'TaskScheduled')!.taskScheduledEventDetails!;
    expect(scheduled).toMatchObject({ resourceType: 'lambda', resource: 'invoke' });
    expect((JSON.parse(scheduled.parameters!) as { FunctionName: string }).FunctionName).toMatch(/:function:RegisterOnboarding:1$/);
    const exited = events.find((e) => e.type === 'TaskStateExited')!;
    expect((JSON.parse(exited.stateExitedEventDetails!.output!) as { registration: unknown }).registration).toEqual({ status: 'REGISTERED' });
  });

  it('Retry: SES throttles once; the step is retried and the client gets exactly one confirmation', async () => {
    const { onboardingId, executionArn } = await startOnboarding('Retry B.V.');
    // Let the first attempt send the client's confirmation, then throttle the analysts' mail once.
    failSesSends(to('analysts@breakfix.example'), throttled());
    const events = await finishedHistory(executionArn);
    const types = events.map((e) => e.type);
    expect(types.at(-1)).toBe('TaskSubmitted');
    const failed = events.filter((e) => e.type === 'TaskFailed');
    expect(failed.map((e) => e.taskFailedEventDetails?.error)).toEqual(['TransientDependencyError']);
    // RegisterOnboarding scheduled twice (first attempt + retry), then AwaitAnalysis once.
    expect(types.filter((t) => t === 'TaskScheduled')).toHaveLength(3);
    expect(entered(events)).toEqual(['ResumeOrStart', 'RegisterOnboarding', 'AwaitAnalysis']);

    const mails = (await twin.inbox()).filter((m) => m.subject.includes('Retry B.V.'));
    expect(mails.filter((m) => m.destination.to.includes('sanne@korenschoof.example'))).toHaveLength(1);
    expect(mails.filter((m) => m.destination.to.includes('analysts@breakfix.example'))).toHaveLength(1);
    const detail = await twin.request<{ status: string; timeline: Array<{ type: string }> }>('GET', `/onboardings/${onboardingId}`, { token });
    expect(detail.body.status).toBe('AWAITING_ANALYSIS');
    expect(detail.body.timeline.filter((e) => e.type === 'REGISTERED')).toHaveLength(1);
  });

  it('Catch: a permanent failure goes to HandleFailure, the onboarding is FAILED and operations are alerted', async () => {
    const rejected = Object.assign(new Error('Email address is not verified'), { name: 'MessageRejected', $metadata: { httpStatusCode: 400 } });
    failSesSends(to('sanne@korenschoof.example'), rejected, Infinity);
    const { onboardingId, executionArn } = await startOnboarding('Catch B.V.');
    const events = await finishedHistory(executionArn);

    expect(entered(events)).toEqual(['ResumeOrStart', 'RegisterOnboarding', 'HandleFailure', 'OnboardingFailed']);
    expect(events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error)).toEqual(['MessageRejected']);
    const handleFailureInput = JSON.parse(events.find((e) => e.stateEnteredEventDetails?.name === 'HandleFailure')!.stateEnteredEventDetails!.input!) as {
      failure: unknown;
    };
    expect(handleFailureInput.failure).toMatchObject({ Error: 'MessageRejected', Cause: match.stringContaining('"errorType":"MessageRejected"') });
    expect(events.at(-1)).toMatchObject({ type: 'ExecutionFailed', executionFailedEventDetails: { error: 'OnboardingFailed' } });

    const detail = await twin.request<{ status: string; failure: { error: string }; timeline: Array<{ type: string }> }>('GET', `/onboardings/${onboardingId}`, { token });
    expect(detail.body.status).toBe('FAILED');
    expect(detail.body.failure.error).toBe('MessageRejected');
    expect(detail.body.timeline.map((e) => e.type)).toEqual(['INTAKE_RECEIVED', 'REGISTERED', 'FAILED', 'OPERATIONS_ALERTED']);
    const alert = (await twin.inbox()).find((m) => m.destination.to.includes('ops@breakfix.example') && m.subject.includes(onboardingId));
    expect(alert?.subject).toBe(`[Break & Fix] Onboarding ${onboardingId} FAILED: MessageRejected`);
  });

  it('Catch: an execution for an onboarding that does not exist fails without retries and alerts operations', async () => {
    const onboardingId = 'onb-01JZZZZZZZZZZZZZZZZZZZZZZZ';
    const { executionArn } = await twin.sfn.send(
      new StartExecutionCommand({ stateMachineArn: twin.twin.stateMachineArn, name: onboardingId, input: JSON.stringify({ onboardingId, policy: LOCAL_STAGE.policy }) }),
    );
    const events = await finishedHistory(executionArn!);
    expect(events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails?.error)).toEqual(['OnboardingNotFoundError']);
    expect(entered(events)).toEqual(['ResumeOrStart', 'RegisterOnboarding', 'HandleFailure', 'OnboardingFailed']);
    const alert = await eventually(async () => (await twin.inbox()).find((m) => m.subject.includes(onboardingId)));
    expect(alert.destination.to).toEqual(['ops@breakfix.example']);
  });
});
