import { DemoApi, formOf, inbox, linkIn, type Email } from './http';
import type { Progress } from './progress';

/**
 * One onboarding from intake to feedback, every person played through the public API and the SES
 * store only: the admin adds technicians, the account manager posts the intake, the analyst the
 * analysis, the client approves through the e-mailed link, the technicians work their queues, the
 * client reports a problem through the monitoring e-mail's page, the account manager refines it
 * during triage, and after the report e-mail the client gives feedback.
 */
export const PEOPLE = {
  admin: 'admin@breakfix.example',
  accountManager: 'ilse.jansen@breakfix.example',
  analyst: 'ruben.bos@breakfix.example',
  client: { name: 'Sanne de Vries', email: 'sanne@korenschoof.example' },
  technicians: [
    { name: 'Henk Visser', email: 'henk@breakfix.example', skills: ['hardware', 'netwerk'] },
    { name: 'Fatima el Amrani', email: 'fatima@breakfix.example', skills: ['printers', 'software', 'netwerk'] },
  ],
} as const;

const COMPANY = 'Bakkerij De Korenschoof B.V.';

/** The intake's incidents and the analyst's findings for each (one agreement line, one ticket). */
const WORK = [
  {
    incident: { title: 'Kassasysteem valt uit', description: 'De kassa in de winkel herstart meerdere keren per dag.', category: 'hardware', impact: 'high', affectedUsers: 4 },
    analysis: { rootCause: 'Defecte voeding in de kassa', solution: 'Voeding vervangen', actionType: 'replacement', estimatedHours: 2.5, requiredSkills: ['hardware'], priority: 'high', materials: [{ description: 'Voeding', quantity: 1, unitCostCents: 4900 }] },
    work: { minutes: 150, note: 'Voeding vervangen en kassa getest', summary: 'Voeding vervangen; kassa draait stabiel', followUp: 'UPS-accu binnen zes maanden vervangen' },
  },
  {
    incident: { title: 'Wifi traag in het kantoor', description: 'Vooral in de middag is het netwerk traag.', category: 'network', impact: 'normal' },
    analysis: { rootCause: 'Accesspoint op een druk kanaal', solution: 'Kanaal en zendvermogen aanpassen', actionType: 'configuration', estimatedHours: 1.5, requiredSkills: ['netwerk'], priority: 'normal', materials: [] },
    work: { minutes: 75, note: 'Kanaalscan gedaan, AP naar kanaal 11', summary: 'Accesspoint op een rustig kanaal gezet' },
  },
  {
    incident: { title: 'Bonprinter drukt niet af', description: 'De bonprinter bij de toonbank geeft een papierstoring.', category: 'hardware', impact: 'normal' },
    analysis: { rootCause: 'Versleten transportrol', solution: 'Printer reinigen en rol vervangen', actionType: 'repair', estimatedHours: 1, requiredSkills: ['printers'], priority: 'normal', materials: [{ description: 'Transportrol', quantity: 1, unitCostCents: 1250 }] },
    work: { minutes: 45, note: 'Rol vervangen, printer gereinigd', summary: 'Bonprinter drukt weer af' },
  },
] as const;

const PROBLEM = { title: 'Pinautomaat verliest verbinding', description: 'Sinds gisteren valt de verbinding van de pinautomaat bij de kassa af en toe weg.', impact: 'high' };
const PROBLEM_WORK = { minutes: 40, note: 'Netwerkkabel van de pinautomaat vervangen', summary: 'Pinautomaat heeft weer een stabiele verbinding' };

interface Ticket {
  ticketId: string;
  incidentId: string;
  round: number | null;
  title: string;
  status: string;
  requiredSkills: string[];
  estimatedHours: number;
  assignee: { name: string; email: string } | null;
}

export interface OnboardingDetail {
  onboardingId: string;
  status: string;
  waitingForAnalysis: boolean;
  incidents: Array<{ id: string; title: string }>;
  agreement?: { version: number; totals: { inclVatCents: number } };
  tickets: Ticket[];
  report: { totals?: { inclVatCents?: number } } | null;
  feedback: { score: number; comment?: string } | null;
  timeline: Array<{ at: string; type: string; actor: { kind: string; email?: string; name?: string; step?: string }; detail?: string; ticketId?: string }>;
}

export interface DemoUrls {
  api: string;
  ses: string;
}

/** Deadlines of the waits, generous against the policy's seconds; the whole run stays under two minutes. */
export interface DemoTimeouts {
  /** The workflow moving on by itself (registration, drafting, assignment). */
  workflowMs: number;
  /** A monitoring period running out, plus the report. */
  monitoringMs: number;
}

export async function playOnboarding(urls: DemoUrls, progress: Progress, timeouts: DemoTimeouts): Promise<OnboardingDetail> {
  const api = new DemoApi(urls.api);
  const euro = (cents: number) => `€ ${(cents / 100).toFixed(2)}`;
  const mailTo = async (to: string, match: (mail: Email) => boolean) => (await inbox(urls.ses)).filter((m) => m.destination.to.includes(to) && match(m));
  const linkFromInbox = (kind: 'agreements' | 'problems' | 'feedback', what: string, timeoutMs: number) =>
    progress.until(what, async () => (await mailTo(PEOPLE.client.email, (m) => m.subject.includes(COMPANY))).map((m) => linkIn(m, kind)).find(Boolean), timeoutMs);

  // Sign-in: the twin's local issuer mints Cognito-shaped ID tokens, as `npm run token` does.
  progress.step('signing in');
  const admin = await api.token('admin', PEOPLE.admin);
  const accountManager = await api.token('account-manager', PEOPLE.accountManager);
  const analyst = await api.token('analyst', PEOPLE.analyst);
  const technicians = await Promise.all(PEOPLE.technicians.map(async (t) => ({ ...t, token: await api.token('technician', t.email) })));
  const detail = async () => (await api.call<OnboardingDetail>('GET', `/onboardings/${onboardingId}`, { token: accountManager })).body;

  progress.step('admin: add the technicians');
  for (const technician of PEOPLE.technicians) {
    const added = await api.call<{ technicianId: string }>('POST', '/technicians', {
      token: admin,
      json: { name: technician.name, email: technician.email, skills: technician.skills, capacity: 3, active: true },
      expect: [201],
    });
    progress.did('admin', `added technician ${technician.name} (${technician.skills.join(', ')}) → ${added.body.technicianId}`);
  }

  // A low review threshold, so the demo shows the release check: offers above it wait for a person.
  progress.step('admin: set the review threshold');
  const card = await api.call<{ rateCard: Record<string, unknown> }>('GET', '/rate-card', { token: admin, expect: [200] });
  await api.call('PUT', '/rate-card', { token: admin, json: { ...card.body.rateCard, reviewAboveCents: 50_000 }, expect: [200] });
  progress.did('admin', `offers above ${euro(50_000)} incl. VAT now wait for an account manager's release`);

  progress.step('account manager: post the intake');
  const intake = await api.call<{ onboardingId: string; status: string }>('POST', '/onboardings', {
    token: accountManager,
    json: {
      client: { companyName: COMPANY, kvkNumber: '12345678', vatNumber: 'NL123456789B01', locale: 'nl' },
      contacts: [
        { name: PEOPLE.client.name, email: PEOPLE.client.email, phone: '+31 20 123 4567', role: 'primary' },
        { name: 'Pieter Bakker', email: 'administratie@korenschoof.example', role: 'billing' },
      ],
      expectations: { summary: 'Storingen binnen een werkdag opgelost.' },
      incidents: WORK.map((w) => w.incident),
    },
    expect: [202],
  });
  const onboardingId = intake.body.onboardingId;
  progress.did('account manager', `posted the intake for ${COMPANY} (${WORK.length} incidents) → ${onboardingId} ${intake.body.status}`);

  progress.step('analyst: submit the analysis');
  const waiting = await progress.until(
    'GET /onboardings/{id} says waitingForAnalysis',
    async () => {
      const seen = (await api.call<OnboardingDetail>('GET', `/onboardings/${onboardingId}`, { token: analyst })).body;
      return seen.waitingForAnalysis ? seen : undefined;
    },
    timeouts.workflowMs,
  );
  const analysis = await api.call<{ analysisVersion: number }>('POST', `/onboardings/${onboardingId}/analysis`, {
    token: analyst,
    json: { items: waiting.incidents.map((incident, index) => ({ incidentId: incident.id, ...WORK[index]!.analysis })), notes: 'Analyse na het intakegesprek' },
    expect: [202],
  });
  progress.did('analyst', `submitted analysis v${analysis.body.analysisVersion} for ${waiting.incidents.length} incidents`);

  progress.step('account manager: release the offer if it is held');
  const drafted = await progress.until('the agreement is drafted (AWAITING_RELEASE or AGREEMENT_SENT)', async () => {
    const seen = await detail();
    return seen.status === 'AWAITING_RELEASE' || seen.status === 'AGREEMENT_SENT' ? seen : undefined;
  }, timeouts.workflowMs);
  if (drafted.status === 'AWAITING_RELEASE') {
    // As a person would: the account manager acts on the release e-mail.
    await progress.until('the account manager gets the release request', async () => (await mailTo(PEOPLE.accountManager, (m) => m.subject.startsWith('Vrijgave nodig'))).at(0), timeouts.workflowMs);
    const preview = await api.call<{ agreement: { version: number; totals: { inclVatCents: number } } }>('GET', `/onboardings/${onboardingId}/agreement`, { token: accountManager, expect: [200] });
    await api.call('POST', `/onboardings/${onboardingId}/agreement/release`, { token: accountManager, json: {}, expect: [202] });
    progress.did('account manager', `previewed held agreement v${preview.body.agreement.version} (${euro(preview.body.agreement.totals.inclVatCents)} incl. VAT) and released it`);
  }

  progress.step('client: approve the agreement');
  const agreementUrl = await linkFromInbox('agreements', 'the offer e-mail with the agreement link arrives', timeouts.workflowMs);
  const agreementPage = await api.call<string>('GET', agreementUrl);
  const agreementForm = formOf(agreementPage.text, agreementUrl);
  await api.call('POST', agreementForm.action, { form: { ...agreementForm.hidden, decision: 'approve', name: PEOPLE.client.name, consent: 'yes' } });
  const approved = await progress.until('the approval is applied (IMPLEMENTING)', async () => {
    const seen = await detail();
    return seen.status === 'IMPLEMENTING' ? seen : undefined;
  }, timeouts.workflowMs);
  progress.did('client', `opened the offer link and approved agreement v${approved.agreement?.version ?? '?'} (${euro(approved.agreement?.totals.inclVatCents ?? 0)} incl. VAT)`);

  const work = new Map<string, { minutes: number; note: string; summary: string; followUp?: string }>(WORK.map((w, index) => [`inc-${String(index + 1).padStart(2, '0')}`, w.work]));
  /** Every technician looks at their queue and works each newly assigned ticket, until `count` are resolved. */
  const workQueues = async (label: string, count: number) => {
    progress.step(`technicians: ${label}`);
    let resolved = 0;
    await progress.until(`${count} tickets are resolved`, async () => {
      for (const technician of technicians) {
        const queue = await api.call<{ items: Ticket[] }>('GET', '/tickets?assignee=me&status=ASSIGNED', { token: technician.token });
        for (const ticket of queue.body.items) {
          const todo = work.get(ticket.incidentId) ?? { minutes: 30, note: 'Gedaan', summary: 'Opgelost' };
          await api.call('POST', `/tickets/${ticket.ticketId}/acknowledge`, { token: technician.token, json: {} });
          await api.call('POST', `/tickets/${ticket.ticketId}/work-log`, { token: technician.token, json: { minutes: todo.minutes, note: todo.note } });
          await api.call('POST', `/tickets/${ticket.ticketId}/resolve`, { token: technician.token, json: { summary: todo.summary, ...(todo.followUp ? { followUp: todo.followUp } : {}) } });
          progress.did(technician.name, `${ticket.ticketId} "${ticket.title}": acknowledged, logged ${todo.minutes} min, resolved`);
          resolved++;
        }
      }
      return resolved >= count ? true : undefined;
    }, timeouts.workflowMs);
  };
  await workQueues('round 1', WORK.length);

  progress.step('client: report a problem during monitoring');
  const problemUrl = await linkFromInbox('problems', 'the monitoring e-mail with the problem link arrives', timeouts.workflowMs);
  const problemPage = await api.call<string>('GET', problemUrl);
  const problemForm = formOf(problemPage.text, problemUrl);
  if (!problemForm.hidden.submissionId) throw new Error('the problem page carries no hidden submissionId');
  const filed = await api.call<string>('POST', problemForm.action, { form: { ...problemForm.hidden, ...PROBLEM } });
  const filedTicket = /tkt-[A-Za-z0-9-]+/.exec(filed.text)?.[0] ?? '?';
  progress.did('client', `opened the monitoring e-mail's link and reported "${PROBLEM.title}" (${PROBLEM.impact}) → ${filedTicket}`);

  progress.step('account manager: refine the reported problem during triage');
  const reported = await progress.until('the reported ticket shows on the onboarding', async () => (await detail()).tickets.find((t) => t.title === PROBLEM.title), timeouts.workflowMs);
  await api.call('PATCH', `/tickets/${reported.ticketId}`, { token: accountManager, json: { requiredSkills: ['netwerk'], estimatedHours: 1 } });
  progress.did('account manager', `refined ${reported.ticketId}: requiredSkills netwerk, estimatedHours 1 (it was ${reported.status}, no skills)`);
  work.set(reported.incidentId, PROBLEM_WORK);
  await workQueues('round 2 (the reported problem)', 1);

  progress.step('client: give feedback after the report');
  const feedbackUrl = await linkFromInbox('feedback', 'the report e-mail with the feedback link arrives', timeouts.monitoringMs);
  const feedbackPage = await api.call<string>('GET', feedbackUrl);
  const feedbackForm = formOf(feedbackPage.text, feedbackUrl);
  await api.call('POST', feedbackForm.action, { form: { ...feedbackForm.hidden, score: '5', comment: 'Snel en vriendelijk geholpen; de kassa doet het weer.' } });
  progress.did('client', 'opened the report e-mail\'s link and gave feedback: 5/5');

  progress.step('reading the onboarding');
  return progress.until('the feedback is on the timeline', async () => {
    const seen = await detail();
    return seen.status === 'COMPLETED' && seen.timeline.some((e) => e.type === 'FEEDBACK_RECEIVED') ? seen : undefined;
  }, timeouts.workflowMs);
}
