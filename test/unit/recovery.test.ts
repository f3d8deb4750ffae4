import { describe, expect, it } from 'vitest';
import {
  attemptOfExecution,
  failedStateOf,
  RESUMABLE_STATES,
  resumeInputFields,
  ResumeInputMissingError,
  resumePointOf,
  retryExecutionName,
  ROUND_STATES,
  type ResumeFacts,
} from '../../functions/domain/recovery';
import { loadAsl, type AslMachine } from '../support/asl-graph';

const asl = loadAsl();
const ID = 'onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4Y';

/** Where a RouteResume branch really goes: through Pass states to the state they lead to. */
function landsOn(machine: AslMachine, name: string): string {
  let target = name;
  while (machine.States[target]?.Type === 'Pass') target = machine.States[target]!.Next!;
  return target;
}

describe('recovery.ts against statemachines/onboarding.asl.json', () => {
  it('starts with the choice between a retry and a new onboarding', () => {
    expect(asl.StartAt).toBe('ResumeOrStart');
    const start = asl.States.ResumeOrStart!;
    expect(start.Choices).toEqual([{ Variable: '$.resumeAt', IsPresent: true, Next: 'ResumeOnboarding' }]);
    expect(start.Default).toBe('RegisterOnboarding');
    expect(asl.States.ResumeOnboarding?.Next).toBe('RouteResume');
  });

  it('RouteResume routes exactly the resumable states, each to itself, and nothing else', () => {
    const route = asl.States.RouteResume!;
    const routed = (route.Choices ?? []).map((choice) => [choice.StringEquals, landsOn(asl, choice.Next)]);
    expect(routed).toEqual(RESUMABLE_STATES.map((state) => [state, state]));
    expect(route.Default).toBe('HandleUnknownResumePoint');
    expect(landsOn(asl, route.Default!)).toBe('HandleFailure');
  });

  it('every resumable state is a top-level state of the ASL, and the round states are the Map\'s', () => {
    for (const state of RESUMABLE_STATES) expect(asl.States[state], state).toBeDefined();
    const map = asl.States.WorkTickets!;
    expect(new Set(Object.keys(map.ItemProcessor!.States))).toEqual(new Set(ROUND_STATES));
  });
});

describe('where a failure resumes', () => {
  it('a step resumes at itself, a state of the ticket Map at the whole round, the monitoring wait at StartMonitoring', () => {
    expect(resumePointOf('CreateTickets')).toBe('CreateTickets');
    expect(resumePointOf('AwaitResolution')).toBe('WorkTickets');
    expect(resumePointOf('TicketFailed')).toBe('WorkTickets');
    expect(resumePointOf('AwaitMonitoring')).toBe('StartMonitoring');
    expect(resumePointOf('HandleFailure')).toBeUndefined();
    expect(resumePointOf('ResumeOnboarding')).toBeUndefined();
  });

  it('the failed state is the newest entered step before the failure handler; Choices and Passes lead back to it', () => {
    expect(failedStateOf(['HandleFailure', 'HandleUnknownOutcome', 'RouteDecision', 'ApplyClientDecision', 'AwaitClientDecision'])).toEqual({
      failedState: 'ApplyClientDecision',
      resumeAt: 'ApplyClientDecision',
    });
    expect(failedStateOf(['HandleFailure', 'TicketFailed', 'AssignTechnician', 'AwaitResolution', 'WorkTickets'])).toEqual({ failedState: 'TicketFailed', resumeAt: 'WorkTickets' });
    // A retry whose own first step failed: nothing before it to resume at (the stored point stays).
    expect(failedStateOf(['HandleFailure', 'ResumeOnboarding', 'ResumeOrStart'])).toBeUndefined();
  });

  it('names retries <id>-r<N> and reads the attempt back; the first run is attempt 0', () => {
    expect(retryExecutionName(ID, 3)).toBe(`${ID}-r3`);
    expect(attemptOfExecution(ID, ID)).toBe(0);
    expect(attemptOfExecution(ID, `${ID}-r3`)).toBe(3);
    expect(attemptOfExecution(ID, 'something-else-r2')).toBe(0);
  });
});

describe('the resumed execution input', () => {
  const facts: ResumeFacts = {
    status: 'FAILED',
    analysisRound: 2,
    analysisVersion: 2,
    agreementVersion: 3,
    releaseAction: 'release',
    clientDecision: 'approve',
    openRoundTicketIds: [`tkt-${ID.slice(4)}-02`],
  };

  it('gives each state what it reads from its input, and nothing time-dependent', () => {
    expect(resumeInputFields('RegisterOnboarding', facts)).toEqual({});
    expect(resumeInputFields('DraftAgreement', facts)).toEqual({ analysis: { analysisVersion: 2 } });
    expect(resumeInputFields('ApplyRelease', facts)).toEqual({ agreement: { agreementVersion: 3 }, release: { action: 'release' } });
    expect(resumeInputFields('ApplyClientDecision', facts)).toEqual({ agreement: { agreementVersion: 3 }, decision: { decision: 'approve' } });
    expect(resumeInputFields('CreateTickets', facts)).toEqual({ agreement: { agreementVersion: 3 } });
    expect(resumeInputFields('WorkTickets', facts)).toEqual({ round: { ticketIds: facts.openRoundTicketIds } });
    expect(resumeInputFields('StartMonitoring', facts)).toEqual({});
  });

  it('refuses a resume whose facts are missing, naming what', () => {
    expect(() => resumeInputFields('DraftAgreement', { ...facts, analysisVersion: 1 })).toThrow(ResumeInputMissingError);
    expect(() => resumeInputFields('ApplyClientDecision', { ...facts, clientDecision: undefined })).toThrow(/no client decision/);
    expect(() => resumeInputFields('AwaitRelease', { ...facts, agreementVersion: undefined })).toThrow(/no agreement version/);
  });
});
