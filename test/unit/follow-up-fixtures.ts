import type { Agreement } from '../../functions/domain/agreement';
import { businessCalendar } from '../../functions/domain/business-hours';
import { buildFollowUpReport, type FollowUpReport, type RefusedProblem } from '../../functions/domain/follow-up-report';
import { ticketIdFor, type Ticket } from '../../functions/domain/ticket';
import { sampleAgreement } from './templates-fixtures';

export const ONBOARDING_ID = 'onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X';
export const calendar = businessCalendar();
const terms = { responseHours: 8, resolutionHours: 16 };

/** A resolved ticket as the workflow stores it, with `followUp` on its resolution as the resolve route stores it. */
export function reportTicket(
  fields: Pick<Ticket, 'incidentId' | 'priority' | 'minutesLogged' | 'responseDueAt' | 'resolveDueAt'> &
    Partial<Pick<Ticket, 'title' | 'round' | 'acknowledgedAt' | 'resolvedAt' | 'estimatedHours' | 'createdAt'>> & { followUp?: string },
): Ticket {
  const { followUp, ...rest } = fields;
  const resolvedAt = 'resolvedAt' in fields ? fields.resolvedAt : fields.resolveDueAt;
  const resolution: NonNullable<Ticket['resolution']> = { summary: 'Opgelost', by: { email: 'kees@breakfix.example' }, ...(followUp === undefined ? {} : { followUp }) };
  return {
    ticketId: ticketIdFor(ONBOARDING_ID, fields.incidentId),
    ticketVersion: 5,
    onboardingId: ONBOARDING_ID,
    onboardingVersion: 9,
    round: 1,
    title: `Probleem ${fields.incidentId}`,
    requiredSkills: ['hardware'],
    estimatedHours: 1,
    slaTerms: { critical: terms, high: terms, normal: terms, low: terms },
    status: resolvedAt === undefined ? 'ACKNOWLEDGED' : 'RESOLVED',
    heldBusinessMs: 0,
    createdAt: '2026-12-01T09:00:00.000Z',
    responseWarnAt: fields.responseDueAt,
    resolveWarnAt: fields.resolveDueAt,
    acknowledgedAt: fields.responseDueAt,
    workLog: [],
    ...rest,
    ...(resolvedAt === undefined ? {} : { resolvedAt, resolution }),
  };
}

/*
 * The worked example (rate card of test/support/rate-card.ts: €95.00 an hour; surcharges critical
 * 150 %, high 125 %, normal 100 %, low 100 %; 15-minute blocks; 21 % VAT). The agreement has lines
 * for inc-01 (materials €49.50) and inc-02 (materials €258.00); inc-03 and inc-04 were reported
 * during monitoring and have no line. Times are UTC; Amsterdam is UTC+1 in December.
 *
 *   inc-01 high     50 min → 60 min:  60 × 9500 × 125 / 6000 = 11 875     + 4 950 = 16 825
 *   inc-02 normal  100 min → 105 min: 105 × 9500 × 100 / 6000 = 16 625    + 25 800 = 42 425
 *   inc-03 critical  7 min → 15 min:  15 × 9500 × 150 / 6000 = 3 562.5 → 3 563 (half up) + 0 = 3 563
 *   inc-04 low       0 min → 0 min:   0                                   + 0 = 0
 *   subtotal 16 825 + 42 425 + 3 563 + 0 = 62 813 (€628.13)
 *   VAT once: 62 813 × 21 / 100 = 13 190.73 → 13 191 (€131.91); total 76 004 (€760.04)
 *   VAT per line would be 3 533.25 → 3 533, 8 909.25 → 8 909, 748.23 → 748, 0 → 13 190: one cent less.
 *
 *   inc-02 response due Fri 4 Dec 17:00, acknowledged Mon 7 Dec 09:15 (Amsterdam):
 *     Fri 17:00–17:30 = 0.5 h + Mon 08:30–09:15 = 0.75 h → 1.25 h → 1.3 h (half up)
 *   inc-03 resolve due Thu 24 Dec 16:30, resolved Mon 28 Dec 10:30 (Christmas Fri 25 and Sat 26, Sunday closed):
 *     Thu 16:30–17:30 = 1 h + Mon 08:30–10:30 = 2 h → 3.0 h
 *   responded on time 3 of 4 (75 %), resolved on time 3 of 4 (75 %).
 */
export function exampleTickets(): Ticket[] {
  return [
    reportTicket({
      incidentId: 'inc-01',
      title: 'Kassasysteem valt uit',
      priority: 'high',
      estimatedHours: 2.5,
      minutesLogged: 50,
      acknowledgedAt: '2026-12-01T10:00:00.000Z',
      responseDueAt: '2026-12-02T08:00:00.000Z',
      resolvedAt: '2026-12-02T14:00:00.000Z',
      resolveDueAt: '2026-12-03T08:00:00.000Z',
    }),
    reportTicket({
      incidentId: 'inc-02',
      title: 'Wifi traag in het kantoor',
      priority: 'normal',
      estimatedHours: 1.75,
      minutesLogged: 100,
      acknowledgedAt: '2026-12-07T08:15:00.000Z',
      responseDueAt: '2026-12-04T16:00:00.000Z',
      resolvedAt: '2026-12-09T10:00:00.000Z',
      resolveDueAt: '2026-12-10T12:00:00.000Z',
    }),
    reportTicket({
      incidentId: 'inc-03',
      title: 'Server start niet na stroomstoring',
      priority: 'critical',
      round: 2,
      estimatedHours: 0,
      minutesLogged: 7,
      createdAt: '2026-12-22T09:00:00.000Z',
      acknowledgedAt: '2026-12-22T10:00:00.000Z',
      responseDueAt: '2026-12-22T13:00:00.000Z',
      resolvedAt: '2026-12-28T09:30:00.000Z',
      resolveDueAt: '2026-12-24T15:30:00.000Z',
      followUp: 'UPS-accu binnen zes maanden vervangen',
    }),
    reportTicket({
      incidentId: 'inc-04',
      title: 'Printer geeft papierstoring',
      priority: 'low',
      round: 2,
      estimatedHours: 0,
      minutesLogged: 0,
      createdAt: '2026-12-22T09:30:00.000Z',
      acknowledgedAt: '2026-12-22T11:00:00.000Z',
      responseDueAt: '2026-12-29T10:00:00.000Z',
      resolvedAt: '2026-12-22T12:00:00.000Z',
      resolveDueAt: '2027-01-05T10:00:00.000Z',
    }),
  ];
}

export const EXAMPLE_REFUSED: RefusedProblem[] = [
  { title: 'Beamer in de vergaderzaal', reportedAt: '2026-12-30T09:00:00.000Z', reason: 'too-many-client-reports' },
];

export const EXAMPLE_NOW = '2027-01-08T10:00:00.000Z';

export function exampleReport(overrides: { agreement?: Agreement; tickets?: Ticket[]; refusedProblems?: RefusedProblem[]; version?: number } = {}): FollowUpReport {
  return buildFollowUpReport({
    onboardingId: ONBOARDING_ID,
    agreement: overrides.agreement ?? sampleAgreement(),
    tickets: overrides.tickets ?? exampleTickets(),
    calendar,
    refusedProblems: overrides.refusedProblems ?? EXAMPLE_REFUSED,
    now: EXAMPLE_NOW,
    version: overrides.version ?? 1,
  });
}
