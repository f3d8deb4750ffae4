import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestTwin, type TestTwin } from '../support/twin';
import { detailOf, untilStatus } from '../support/agreement-flow';
import { ended, historyOf, historyWhen, statesEntered } from '../support/history';
import { addTechnician, approvedOnboarding, signInStaff, ticketAction, ticketsOf, type TicketView } from '../support/ticket-flow';
import { attachmentBytes } from '../support/emulators';
import { pdfContent } from '../support/pdf-text';
import { formatEuro } from '../../functions/templates/format';

/**
 * Seed step 5 on statemachines/onboarding.asl.json with the real handlers: monitoring after each
 * round (one wait a new problem wakes), new problems from staff and the client becoming tickets of
 * a new round through the same Map, the report and COMPLETED.
 */
let twin: TestTwin;
let accountManager: string;
let analyst: string;
let admin: string;
let technician: string;
beforeAll(async () => {
  twin = await startTestTwin({
    policy: {
      analysisReminderSeconds: 300,
      decisionReminderSeconds: 300,
      assignmentRecheckSeconds: 300,
      assignmentEscalateAfterSeconds: 300,
      resolutionWaitSeconds: 300,
      monitoringSeconds: 6,
      triageSeconds: 1,
      feedbackValidSeconds: 600,
    },
  });
  ({ accountManager, analyst, admin } = await signInStaff(twin));
  await addTechnician(twin, admin, { name: 'Mo Monitor', email: 'mo@breakfix.example', skills: ['netwerk', 'printers'], capacity: 10 });
  technician = await twin.token('technician', 'mo@breakfix.example');
});
afterAll(async () => {
  await twin?.close();
});

const tokens = () => ({ accountManager, analyst });

async function resolveAll(onboardingId: string, round: number | null): Promise<TicketView[]> {
  const open = await eventually(async () => {
    const tickets = (await ticketsOf(twin, accountManager, onboardingId)).filter((t) => t.round === round);
    return tickets.length > 0 && tickets.every((t) => t.status === 'ASSIGNED') ? tickets : undefined;
  }, 20_000);
  for (const ticket of open) {
    expect((await ticketAction(twin, technician, ticket.ticketId, 'acknowledge')).status).toBe(200);
    expect((await ticketAction(twin, technician, ticket.ticketId, 'work-log', { minutes: 50, note: 'Gedaan' })).status).toBe(200);
    expect((await ticketAction(twin, technician, ticket.ticketId, 'resolve', { summary: 'Opgelost', followUp: 'Over zes maanden de UPS-accu vervangen' })).status).toBe(200);
  }
  return open;
}

function reportIncident(onboardingId: string, title: string) {
  return twin.request<{ incidentId: string; ticketId: string }>('POST', `/onboardings/${onboardingId}/incidents`, {
    token: accountManager,
    json: { title, description: `Nieuw: ${title}`, category: 'network', impact: 'high', requiredSkills: ['netwerk'], estimatedHours: 1 },
  });
}

const mailsTo = async (address: string, subject: RegExp) => (await twin.inbox()).filter((m) => m.destination.to.includes(address) && subject.test(m.subject));

describe('monitoring and follow-up', () => {
  it('monitoring with no new problem: the report goes out and the onboarding is COMPLETED', async () => {
    const { onboardingId, executionArn } = await approvedOnboarding(twin, tokens(), 'Rustig B.V.', [{ title: 'Printer hapert', skills: ['printers'] }]);
    await resolveAll(onboardingId, 1);
    await untilStatus(twin, accountManager, onboardingId, 'MONITORING');
    const monitoring = await eventually(async () => (await mailsTo('sanne@korenschoof.example', /Rustig B\.V\./)).find((m) => /\/problems\/[A-Za-z0-9_-]{43}/.test(m.body.text ?? '')));
    expect(monitoring.body.text).toMatch(/\/problems\/[A-Za-z0-9_-]{43}/);

    const events = await historyWhen(twin, executionArn, ended, 30_000);
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    const entered = statesEntered(events);
    expect(entered.slice(entered.indexOf('TicketDone'))).toEqual(['TicketDone', 'StartMonitoring', 'RouteAfterRound', 'AwaitMonitoring', 'SendFollowUpReport', 'Completed', 'OnboardingCompleted']);
    // One wait for the whole period, ended by its timeout: no polling.
    expect(events.filter((e) => e.type === 'TaskTimedOut')).toHaveLength(1);

    const detail = (await detailOf(twin, accountManager, onboardingId)) as unknown as { status: string; report: { totals: { inclVatCents: number }; lines: unknown[]; openPoints: { followUps: unknown[] } } };
    expect(detail.status).toBe('COMPLETED');
    expect(detail.report.lines).toHaveLength(1);
    expect(detail.report.openPoints.followUps).toHaveLength(1);
    const report = await eventually(async () => (await twin.inbox()).find((m) => m.destination.to.includes('sanne@korenschoof.example') && /\/feedback\/[A-Za-z0-9_-]{43}/.test(m.body.text ?? '') && m.subject.includes('Rustig B.V.')));
    expect((report as unknown as { destination: { cc?: string[] } }).destination.cc ?? []).toContain('am@breakfix.example');
    // The report's PDF is attached, with the report's totals and hash in it (stored as REPORT#0001).
    const [attachment, ...others] = report.attachments ?? [];
    expect(others).toHaveLength(0);
    expect(attachment).toMatchObject({ filename: `eindrapport-${onboardingId}-v1.pdf`, contentType: 'application/pdf' });
    const pdf = await pdfContent(attachmentBytes(attachment!));
    const full = detail.report as unknown as { reportHash: string; totals: { inclVatCents: number } };
    expect(pdf.text).toContain(full.reportHash);
    expect(pdf.text.replace(/\s+/g, ' ')).toContain(`Totaal incl. btw ${formatEuro(full.totals.inclVatCents, 'nl').replace(/\u00a0/g, ' ')}`);
  });

  it('a staff-reported incident during monitoring: a new round, its ticket resolved, monitoring again, then the report', async () => {
    const { onboardingId, executionArn } = await approvedOnboarding(twin, tokens(), 'Nog Iets B.V.', [{ title: 'Switch valt uit', skills: ['netwerk'] }]);
    await resolveAll(onboardingId, 1);
    await untilStatus(twin, accountManager, onboardingId, 'MONITORING');
    await historyWhen(twin, executionArn, (events) => statesEntered(events).includes('AwaitMonitoring') && events.at(-1)?.type === 'TaskSubmitted');

    const reported = await reportIncident(onboardingId, 'Wifi op zolder valt weg');
    expect(reported.status, reported.text).toBe(201);
    expect(reported.body.incidentId).toBe('inc-02');
    await untilStatus(twin, accountManager, onboardingId, 'IMPLEMENTING');
    const second = await resolveAll(onboardingId, 2);
    expect(second.map((t) => t.incidentId)).toEqual(['inc-02']);
    await untilStatus(twin, accountManager, onboardingId, 'MONITORING');

    const events = await historyWhen(twin, executionArn, ended, 30_000);
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    const entered = statesEntered(events);
    expect(entered.filter((s) => s === 'WorkTickets')).toHaveLength(2);
    expect(entered.filter((s) => s === 'StartRound')).toHaveLength(1);
    expect(entered.filter((s) => s === 'AwaitMonitoring')).toHaveLength(2);
    const detail = (await detailOf(twin, accountManager, onboardingId)) as unknown as { status: string; incidents: Array<{ id: string }>; report: { lines: Array<{ incidentId: string }> }; timeline: Array<{ type: string }> };
    expect(detail.status).toBe('COMPLETED');
    expect(detail.incidents.map((i) => i.id)).toEqual(['inc-01', 'inc-02']);
    expect(detail.report.lines.map((l) => l.incidentId)).toEqual(['inc-01', 'inc-02']);
    expect(detail.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['MONITORING_STARTED', 'PROBLEM_REPORTED', 'ROUND_STARTED', 'COMPLETED']));
  });

  it('a client-reported problem through the monitoring link: triaged, its own round, then monitoring and the report', async () => {
    const { onboardingId, executionArn } = await approvedOnboarding(twin, tokens(), 'Klant Meldt B.V.', [{ title: 'Printer hapert', skills: ['printers'] }]);
    await resolveAll(onboardingId, 1);
    await historyWhen(twin, executionArn, (events) => statesEntered(events).includes('AwaitMonitoring') && events.at(-1)?.type === 'TaskSubmitted');
    const monitoring = await eventually(async () => (await mailsTo('sanne@korenschoof.example', /Klant Meldt B\.V\./)).find((m) => /\/problems\//.test(m.body.text ?? '')));
    const link = /https?:\/\/\S+\/problems\/[A-Za-z0-9_-]{43}/.exec(monitoring.body.text ?? '')![0];

    const answer = await twin.request<{ incidentId: string; ticketId: string }>('POST', new URL(link).pathname, {
      json: { title: 'Kassa print geen bonnen', description: 'Sinds vanochtend', impact: 'high', submissionId: 'submission-klant-0001' },
    });
    expect(answer.status, answer.text).toBe(201);
    const ticket = (await ticketsOf(twin, accountManager, onboardingId)).find((t) => t.ticketId === answer.body.ticketId)!;
    // No skills and no estimate: any technician fits once the triage time is over; its clock runs from now.
    expect(ticket).toMatchObject({ incidentId: 'inc-02', priority: 'high', requiredSkills: [] });
    await resolveAll(onboardingId, 2);

    const events = await historyWhen(twin, executionArn, ended, 30_000);
    expect(events.at(-1)?.type).toBe('ExecutionSucceeded');
    const entered = statesEntered(events);
    expect(entered).toEqual(expect.arrayContaining(['StartRound', 'NeedsTriage', 'Triage']));
    expect(entered.filter((s) => s === 'AwaitMonitoring')).toHaveLength(2);
    const detail = (await detailOf(twin, accountManager, onboardingId)) as unknown as { status: string; timeline: Array<{ type: string; actor: { kind: string } }> };
    expect(detail.status).toBe('COMPLETED');
    expect(detail.timeline.find((e) => e.type === 'PROBLEM_REPORTED')?.actor.kind).toBe('client');
  });

  it('a problem reported during a running round is handled in the next round, straight after', async () => {
    const { onboardingId, executionArn } = await approvedOnboarding(twin, tokens(), 'Tussendoor Ronde B.V.', [{ title: 'Router herstart', skills: ['netwerk'] }]);
    await eventually(async () => ((await ticketsOf(twin, accountManager, onboardingId)).some((t) => t.status === 'ASSIGNED') ? true : undefined));
    // Round 1 is still running: this one waits for round 2.
    const reported = await reportIncident(onboardingId, 'Nieuwe printer installeren');
    expect(reported.status, reported.text).toBe(201);
    const pending = (await ticketsOf(twin, accountManager, onboardingId)).find((t) => t.incidentId === 'inc-02');
    expect(pending).toMatchObject({ status: 'OPEN', round: null });
    await resolveAll(onboardingId, 1);
    await resolveAll(onboardingId, 2);

    const events = await historyWhen(twin, executionArn, ended, 30_000);
    const entered = statesEntered(events);
    // No monitoring between the rounds: round 2 starts as soon as round 1 ends.
    const first = entered.indexOf('StartMonitoring');
    expect(entered.slice(first, first + 4)).toEqual(['StartMonitoring', 'RouteAfterRound', 'StartRound', 'NeedsTriage']);
    expect(entered.filter((s) => s === 'AwaitMonitoring')).toHaveLength(1);
    expect((await detailOf(twin, accountManager, onboardingId)).status).toBe('COMPLETED');
    expect((await historyOf(twin, executionArn)).at(-1)?.type).toBe('ExecutionSucceeded');
  });

  it('refuses a report once the onboarding is COMPLETED, with a 409 naming why', async () => {
    const { onboardingId, executionArn } = await approvedOnboarding(twin, tokens(), 'Klaar B.V.', [{ title: 'Scherm flikkert', skills: ['printers'] }]);
    await resolveAll(onboardingId, 1);
    await historyWhen(twin, executionArn, ended, 30_000);
    const late = await reportIncident(onboardingId, 'Te laat gemeld');
    expect(late.status).toBe(409);
    expect(late.text).toContain('takes no new problems');
  });
});
