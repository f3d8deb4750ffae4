import { expect } from 'vitest';
import type { TestTwin } from './twin';
import { eventually } from './twin';
import { validIntake } from './fixtures';
import { agreementLinkFromInbox, decide, detailOf } from './agreement-flow';

/** Helpers that walk an approved onboarding into tickets, as its people would: through the API. */
export interface TicketView {
  ticketId: string;
  incidentId: string;
  round: number | null;
  title: string;
  priority: string;
  requiredSkills: string[];
  status: string;
  assignee: { technicianId: string; name: string; email: string } | null;
  assignment: { reason: { rule: string; lostTie: string[] }; candidates: Array<{ technicianId: string; load: number }> } | null;
  createdAt: string;
  responseDueAt: string;
  resolveDueAt: string;
  acknowledgedAt: string | null;
  responseMet: boolean | null;
  resolvedAt: string | null;
  minutesLogged: number;
  breaches: { response: string | null; resolve: string | null };
}

/**
 * The policy of the ticket workflow tests: every wait far off except the short escalation and
 * monitoring, so only wake-ups (and those two) move an onboarding.
 */
export const TICKET_ROUND_POLICY = {
  analysisReminderSeconds: 300,
  decisionReminderSeconds: 300,
  assignmentRecheckSeconds: 300,
  assignmentEscalateAfterSeconds: 2,
  assignmentQuietRecheckSeconds: 300,
  resolutionWaitSeconds: 300,
  // Resolved rounds go through a short monitoring period to the report.
  monitoringSeconds: 2,
} as const;

/** The staff the workflow tests act as, signed in at the twin's local issuer. */
export async function signInStaff(twin: TestTwin): Promise<{ accountManager: string; analyst: string; admin: string }> {
  const [accountManager, analyst, admin] = await Promise.all([
    twin.token('account-manager', 'am@breakfix.example'),
    twin.token('analyst'),
    twin.token('admin', 'admin@breakfix.example'),
  ]);
  return { accountManager, analyst, admin };
}

export interface WorkItem {
  title: string;
  skills: string[];
  priority?: 'critical' | 'high' | 'normal' | 'low';
  hours?: number;
}

export async function addTechnician(twin: TestTwin, admin: string, technician: { name: string; email: string; skills: string[]; capacity?: number; active?: boolean }) {
  const response = await twin.request<{ technicianId: string }>('POST', '/technicians', {
    token: admin,
    json: { capacity: 3, active: true, ...technician },
  });
  expect(response.status, response.text).toBe(201);
  return response.body.technicianId;
}

/**
 * Intake with one incident per work item, the analysis with each item's skills, and the client's
 * approval through the e-mailed link: the workflow then creates the tickets.
 */
export async function approvedOnboarding(twin: TestTwin, tokens: { accountManager: string; analyst: string }, companyName: string, work: WorkItem[]) {
  const intake = validIntake({
    client: { companyName, locale: 'nl' },
    incidents: work.map((item) => ({ title: item.title, description: `Melding: ${item.title}`, category: 'hardware', impact: item.priority ?? 'normal' })),
  });
  const started = await twin.request<{ onboardingId: string; executionArn: string }>('POST', '/onboardings', { token: tokens.accountManager, json: intake });
  expect(started.status, started.text).toBe(202);
  const { onboardingId, executionArn } = started.body;

  await eventually(async () => ((await detailOf(twin, tokens.accountManager, onboardingId)) as { waitingForAnalysis?: boolean }).waitingForAnalysis || undefined);
  const analysis = await twin.request('POST', `/onboardings/${onboardingId}/analysis`, {
    token: tokens.analyst,
    json: {
      items: work.map((item, index) => ({
        incidentId: `inc-${String(index + 1).padStart(2, '0')}`,
        rootCause: `Oorzaak: ${item.title}`,
        solution: `Oplossing: ${item.title}`,
        actionType: 'repair',
        estimatedHours: item.hours ?? 2,
        requiredSkills: item.skills,
        priority: item.priority ?? 'normal',
        materials: [],
      })),
    },
  });
  expect(analysis.status, analysis.text).toBe(202);
  // A large offer (25 lines) is above the review threshold: the account manager releases it, as in production.
  const drafted = await eventually(async () => {
    const { status } = await detailOf(twin, tokens.accountManager, onboardingId);
    return status === 'AWAITING_RELEASE' || status === 'AGREEMENT_SENT' ? status : undefined;
  });
  if (drafted === 'AWAITING_RELEASE') {
    await eventually(async () => ((await twin.request('POST', `/onboardings/${onboardingId}/agreement/release`, { token: tokens.accountManager, json: {} })).status === 202 ? true : undefined));
  }
  const url = await agreementLinkFromInbox(twin, companyName);
  const decided = await decide(twin, url, { name: 'Sanne de Vries', consent: 'yes', decision: 'approve' });
  expect(decided.status, decided.text).toBe(200);
  return { onboardingId, executionArn };
}

export async function ticketsOf(twin: TestTwin, token: string, onboardingId: string): Promise<TicketView[]> {
  const detail = (await detailOf(twin, token, onboardingId)) as unknown as { tickets?: TicketView[] };
  return detail.tickets ?? [];
}

/** Waits until every ticket of the onboarding matches `done`. */
export function untilTickets(twin: TestTwin, token: string, onboardingId: string, count: number, done: (ticket: TicketView) => boolean, timeoutMs = 20_000) {
  return eventually(async () => {
    const tickets = await ticketsOf(twin, token, onboardingId);
    return tickets.length === count && tickets.every(done) ? tickets : undefined;
  }, timeoutMs);
}

export async function ticketAction(twin: TestTwin, token: string, ticketId: string, action: 'acknowledge' | 'work-log' | 'resolve' | 'hold' | 'resume', json: unknown = {}) {
  return twin.request<Record<string, unknown>>('POST', `/tickets/${ticketId}/${action}`, { token, json });
}
