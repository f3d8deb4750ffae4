import { LOCAL_STAGE } from '../infra/stage-config';
import { ANY_RECIPIENT, Mailbox, linkIn } from './mailbox';
import { intakeBody } from './inputs';
import { TwinClient } from './twin-client';

/*
 * Every person of one onboarding, played through the twin's API as test/support/ticket-flow.ts and
 * follow-up-flow.ts play them (those import vitest, so the path is re-walked here): the account
 * manager posts the intake, the analyst submits the analysis, the account manager releases a held
 * offer, the client approves through the e-mailed link, the assigned technicians acknowledge, log
 * work and resolve, and after monitoring the client gives feedback through the report's link.
 */

/** Counts the requests the actors send to the API (each one an HTTP API request on AWS). */
export class ApiCounter {
  total = 0;
  polls = 0;
}

/** A TwinClient whose calls are counted; `poll` marks a status read made only to wait. */
export class CountedClient {
  constructor(
    readonly client: TwinClient,
    private readonly counter: ApiCounter,
  ) {}

  call<T = unknown>(method: string, path: string, expect: number, options: { json?: unknown; headers?: Record<string, string> } = {}): Promise<T> {
    this.counter.total++;
    return this.client.call<T>(method, path, expect, options);
  }

  /** Marks the last request as a retry made only to wait (a poll). */
  countRetry(): void {
    this.counter.polls++;
  }

  poll<T = unknown>(path: string): Promise<T> {
    this.counter.polls++;
    return this.call<T>('GET', path, 200);
  }

  /** A form post as the client's browser sends it (the pages' forms are urlencoded). */
  async postForm(path: string, fields: Record<string, string>, expect: number): Promise<string> {
    this.counter.total++;
    const response = await fetch(`${this.client.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const text = await response.text();
    if (response.status !== expect) throw new Error(`POST ${path} (form) answered ${response.status}, expected ${expect}: ${text.slice(0, 300)}`);
    return text;
  }
}

export const TECHNICIAN_SKILL = 'hardware';
const ANALYST_ADDRESS = LOCAL_STAGE.analystAddresses[0]!;

export interface Staff {
  accountManager: CountedClient;
  analyst: CountedClient;
  /** The client's side: no token, links only. */
  anonymous: CountedClient;
  /** Each technician's own signed-in client, by e-mail. */
  technicians: Map<string, CountedClient>;
}

/**
 * Signs in the staff and has an admin add `count` technicians with the skill every ticket asks for
 * and room for `capacity` open tickets each, so no ticket waits for a free technician.
 */
export async function signInStaff(apiUrl: string, counter: ApiCounter, technicians: { count: number; capacity: number; tag: string }): Promise<Staff> {
  const signed = async (role: string, email: string) => new CountedClient(await TwinClient.signedIn(apiUrl, role, email), counter);
  const admin = await signed('admin', 'admin@breakfix.example');
  const staff: Staff = {
    accountManager: await signed('account-manager', 'am@breakfix.example'),
    analyst: await signed('analyst', 'analyst@breakfix.example'),
    anonymous: new CountedClient(new TwinClient(apiUrl), counter),
    technicians: new Map(),
  };
  for (let i = 1; i <= technicians.count; i++) {
    const email = `tech-${technicians.tag}-${i}@breakfix.example`;
    await admin.call('POST', '/technicians', 201, { json: { name: `Technicus ${technicians.tag} ${i}`, email, skills: [TECHNICIAN_SKILL], capacity: technicians.capacity, active: true } });
    staff.technicians.set(email, await signed('technician', email));
  }
  return staff;
}

interface TicketView {
  ticketId: string;
  status: string;
  assignee: { technicianId: string; email: string } | null;
}

export interface OnboardingDetail {
  status: string;
  waitingForAnalysis?: boolean;
  incidents: Array<{ id: string; title: string }>;
  tickets?: TicketView[];
  timeline: Array<{ type: string }>;
  feedback?: { score: number } | null;
}

export interface Walked {
  onboardingId: string;
  executionArn: string;
  primaryEmail: string;
  /** The onboarding as GET /onboardings/{id} shows it after the feedback. */
  final: OnboardingDetail;
  /** Wall time from the intake to the feedback stored. */
  ms: number;
}

export interface WalkOptions {
  staff: Staff;
  mailbox: Mailbox;
  /** Unique per onboarding in the run: the company name and the contacts' addresses carry it. */
  tag: string;
  incidents: number;
  pollMs: number;
  /** Bound on each wait (a stuck onboarding fails the bench rather than hanging it). */
  stepTimeoutMs: number;
  /** Resolves a ticket in the technician's place (the API benchmark times it); by default a plain POST /tickets/{id}/resolve. */
  resolveTicket?: (technician: CountedClient, ticketId: string) => Promise<unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function pollUntil<T>(what: string, probe: () => Promise<T | undefined>, intervalMs: number, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not reached within ${timeoutMs} ms`);
    await sleep(intervalMs);
  }
}

/** Calls `send` until it succeeds, every `pollMs`; each retry counts as a poll (waiting, not work). */
async function retrying<T>(what: string, send: () => Promise<T>, options: Pick<WalkOptions, 'pollMs' | 'stepTimeoutMs' | 'staff'>): Promise<T> {
  const deadline = Date.now() + options.stepTimeoutMs;
  for (;;) {
    try {
      return await send();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: not within ${options.stepTimeoutMs} ms: ${String(error)}`);
      options.staff.accountManager.countRetry();
      await sleep(options.pollMs);
    }
  }
}

/** The technician's last action on a ticket. */
export const resolveTicket = (technician: CountedClient, ticketId: string) => technician.call('POST', `/tickets/${ticketId}/resolve`, 200, { json: { summary: 'Opgelost' } });

/** One complete onboarding, intake to feedback, every actor through the API. */
export async function walkOnboarding(options: WalkOptions): Promise<Walked> {
  const { staff, mailbox, tag, incidents, pollMs, stepTimeoutMs } = options;
  const started = Date.now();
  const companyName = `E2E ${tag} B.V.`;
  const primaryEmail = `sanne-${tag}@korenschoof.example`;
  const base = intakeBody(incidents);
  const intake = {
    ...base,
    client: { ...base.client, companyName },
    contacts: [
      { name: 'Sanne de Vries', email: primaryEmail, phone: '+31 20 123 4567', role: 'primary' as const },
      { name: 'Pieter Bakker', email: `administratie-${tag}@korenschoof.example`, role: 'billing' as const },
    ],
  };
  const am = staff.accountManager;
  const { onboardingId, executionArn } = await am.call<{ onboardingId: string; executionArn: string }>('POST', '/onboardings', 202, { json: intake });
  const path = `/onboardings/${onboardingId}`;
  const detail = () => am.poll<OnboardingDetail>(path);
  const failedCheck = (d: OnboardingDetail) => {
    if (d.status === 'FAILED') throw new Error(`onboarding ${tag} (${onboardingId}) FAILED`);
  };

  // Analyst: acts on the notification e-mail; the workflow may take a moment more to park on its
  // task token, and the submit is refused until then (tried again: counted as a wait, not work).
  await mailbox.waitFor(ANALYST_ADDRESS, 'the analysts\' notification', (m) => (m.subject.includes(`voor analyse: ${companyName} (`) ? m.subject : undefined), stepTimeoutMs);
  const incidentIds = Array.from({ length: incidents }, (_, i) => `inc-${String(i + 1).padStart(2, '0')}`);
  await retrying('the analysis accepted', () =>
    staff.analyst.call('POST', `${path}/analysis`, 202, {
      json: {
        items: incidentIds.map((incidentId) => ({
          incidentId,
          rootCause: `Oorzaak bij ${incidentId}`,
          solution: `Oplossing voor ${incidentId}`,
          actionType: 'repair',
          estimatedHours: 2,
          requiredSkills: [TECHNICIAN_SKILL],
          priority: 'normal',
          materials: [],
        })),
      },
    }), options);

  // Account manager: an offer above the review threshold is held; the release request says so.
  const offer = mailbox.waitFor(primaryEmail, 'the offer', linkIn('agreements'), stepTimeoutMs);
  const held = mailbox.waitFor(ANY_RECIPIENT, 'the release request', (m) => (m.subject.includes(`Vrijgave nodig: serviceovereenkomst voor ${companyName} (`) ? 'held' : undefined), stepTimeoutMs);
  held.catch(() => undefined);
  offer.catch(() => undefined);
  if ((await Promise.race([offer, held])) === 'held') {
    await retrying('the offer released', () => am.call('POST', `${path}/agreement/release`, 202, { json: {} }), options);
  }

  // Client: approves through the link in the offer e-mail, with the confirm page's form.
  const agreementUrl = await offer;
  await staff.anonymous.postForm(new URL(agreementUrl).pathname, { name: 'Sanne de Vries', consent: 'yes', decision: 'approve' }, 200);

  // Technicians: each acts on the assignment e-mail (its subject names the ticket): acknowledges,
  // logs work and resolves. The e-mail can precede the assignment's commit by a moment: tried again.
  // One ticket after another: on the twin every invocation shares this one thread, and actions in
  // parallel would lengthen each other's measured (billed) durations.
  const assigned = new Set<string>();
  for (let i = 0; i < incidents; i++) {
    const mail = await mailbox.waitFor(ANY_RECIPIENT, 'a ticket assignment', (m) => {
      const id = m.subject.includes(`– ${companyName} (`) && m.subject.startsWith('Nieuw ticket voor u:') ? m.subject.match(/\(([^()]+)\)$/)?.[1] : undefined;
      if (!id || assigned.has(id)) return undefined;
      assigned.add(id);
      return `${m.destination.to[0]} ${id}`;
    }, stepTimeoutMs);
    const [email, ticketId] = mail.split(' ') as [string, string];
    const technician = staff.technicians.get(email);
    if (!technician) throw new Error(`ticket ${ticketId} went to ${email}, not one of the bench's technicians`);
    await retrying('the ticket acknowledged', () => technician.call('POST', `/tickets/${ticketId}/acknowledge`, 200, { json: {} }), options);
    await technician.call('POST', `/tickets/${ticketId}/work-log`, 200, { json: { minutes: 40, note: 'Voeding vervangen' } });
    await (options.resolveTicket ?? resolveTicket)(technician, ticketId);
  }

  // Client: after monitoring, the report e-mail carries the feedback link.
  const feedbackUrl = await mailbox.waitFor(primaryEmail, 'the report with the feedback link', linkIn('feedback'), stepTimeoutMs);
  await staff.anonymous.call('POST', new URL(feedbackUrl).pathname, 200, { json: { score: 4, comment: 'Snel geholpen.' } });

  // The end state: COMPLETED (the report's step ends the workflow), with the feedback stored.
  const final = await pollUntil('COMPLETED with feedback', async () => {
    const d = await detail();
    failedCheck(d);
    return d.status === 'COMPLETED' && d.feedback ? d : undefined;
  }, pollMs, stepTimeoutMs);
  return { onboardingId, executionArn, primaryEmail, final, ms: Date.now() - started };
}
