import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Agreement, AgreementLine } from '../../functions/domain/agreement';
import {
  billableLoggedMinutes,
  buildFollowUpReport,
  businessHoursLate,
  compliancePercent,
  verifyReportHash,
  type FollowUpReport,
} from '../../functions/domain/follow-up-report';
import { totalsOf } from '../../functions/domain/pricing';
import { PRIORITIES, type Priority, type RateCard } from '../../functions/domain/rate-card';
import type { Ticket } from '../../functions/domain/ticket';
import { calendar, EXAMPLE_NOW, EXAMPLE_REFUSED, exampleReport, exampleTickets, ONBOARDING_ID, reportTicket } from './follow-up-fixtures';
import { sampleAgreement } from './templates-fixtures';

describe('the follow-up report, worked example (figures in follow-up-fixtures.ts)', () => {
  const report = exampleReport();
  const line = (incidentId: string) => report.lines.find((l) => l.incidentId === incidentId)!;

  it('bills logged time rounded up per ticket to the 15-minute block, at the snapshot rate and surcharge', () => {
    // 50 min → 60 min × €95.00 × 125 % = €118.75, + €49.50 materials = €168.25
    expect(line('inc-01')).toMatchObject({
      loggedMinutes: 50,
      billableMinutes: 60,
      hourlyRateCents: 9500,
      surchargePercent: 125,
      labourCents: 11_875,
      materialsCents: 4950,
      totalCents: 16_825,
    });
    // 100 min → 105 min × €95.00 × 100 % = €166.25, + €258.00 materials = €424.25
    expect(line('inc-02')).toMatchObject({ billableMinutes: 105, surchargePercent: 100, labourCents: 16_625, materialsCents: 25_800, totalCents: 42_425 });
    // 7 min → 15 min × €95.00 × 150 % = €35.625 → €35.63 (half up); no agreement line, so no materials
    expect(line('inc-03')).toMatchObject({ billableMinutes: 15, surchargePercent: 150, labourCents: 3563, materialsCents: 0, totalCents: 3563 });
    // 0 logged minutes bill nothing, not one block
    expect(line('inc-04')).toMatchObject({ loggedMinutes: 0, billableMinutes: 0, labourCents: 0, materialsCents: 0, totalCents: 0 });
  });

  it('computes VAT once on the subtotal, which here is a cent more than VAT per line', () => {
    // 16 825 + 42 425 + 3 563 + 0 = 62 813; × 21 % = 13 190.73 → 13 191; + 62 813 = 76 004
    expect(report.totals).toEqual({ exclVatCents: 62_813, vatPercent: 21, vatCents: 13_191, inclVatCents: 76_004 });
    // Per line: 3 533.25 → 3 533, 8 909.25 → 8 909, 748.23 → 748, 0 → 0: 13 190.
    const perLine = report.lines.reduce((sum, l) => sum + totalsOf([l], 21).vatCents, 0);
    expect(perLine).toBe(13_190);
    expect(report.totals.vatCents - perLine).toBe(1);
  });

  it('keeps the lines in round and ticket order, with their times and estimates', () => {
    expect(report.lines.map((l) => [l.incidentId, l.round])).toEqual([
      ['inc-01', 1],
      ['inc-02', 1],
      ['inc-03', 2],
      ['inc-04', 2],
    ]);
    expect(line('inc-01')).toMatchObject({
      ticketId: 'tkt-01JDW3Y8Q7ZK4M2N6P8R0T2V4X-01',
      title: 'Kassasysteem valt uit',
      priority: 'high',
      createdAt: '2026-12-01T09:00:00.000Z',
      acknowledgedAt: '2026-12-01T10:00:00.000Z',
      resolvedAt: '2026-12-02T14:00:00.000Z',
      estimatedHours: 2.5,
    });
  });

  it('counts the agreed times met, with percentages', () => {
    expect(report.sla).toEqual({
      tickets: 4,
      respondedOnTime: { onTime: 3, missed: 1, total: 4, percent: 75 },
      resolvedOnTime: { onTime: 3, missed: 1, total: 4, percent: 75 },
    });
  });

  it('lists each breach with its lateness in business hours, across a weekend and Christmas', () => {
    expect(report.breaches).toEqual([
      {
        ticketId: 'tkt-01JDW3Y8Q7ZK4M2N6P8R0T2V4X-02',
        incidentId: 'inc-02',
        title: 'Wifi traag in het kantoor',
        priority: 'normal',
        kind: 'response',
        dueAt: '2026-12-04T16:00:00.000Z',
        happenedAt: '2026-12-07T08:15:00.000Z',
        stillOpen: false,
        // Fri 17:00–17:30 (0.5 h) + Mon 08:30–09:15 (0.75 h) = 1.25 h → 1.3 h
        businessHoursLate: 1.3,
      },
      {
        ticketId: 'tkt-01JDW3Y8Q7ZK4M2N6P8R0T2V4X-03',
        incidentId: 'inc-03',
        title: 'Server start niet na stroomstoring',
        priority: 'critical',
        kind: 'resolve',
        dueAt: '2026-12-24T15:30:00.000Z',
        happenedAt: '2026-12-28T09:30:00.000Z',
        stillOpen: false,
        // Thu 24 Dec 16:30–17:30 (1 h); Fri 25 and Sat 26 Dec holidays, Sunday closed; Mon 08:30–10:30 (2 h)
        businessHoursLate: 3,
      },
    ]);
  });

  it('lists the refused problems and the technicians’ follow-ups as open points', () => {
    expect(report.openPoints).toEqual({
      refusedProblems: EXAMPLE_REFUSED,
      followUps: [
        { ticketId: 'tkt-01JDW3Y8Q7ZK4M2N6P8R0T2V4X-03', incidentId: 'inc-03', title: 'Server start niet na stroomstoring', followUp: 'UPS-accu binnen zes maanden vervangen' },
      ],
    });
  });

  it('carries its creation time, version, agreement and a hash of its content', () => {
    expect(report).toMatchObject({
      onboardingId: ONBOARDING_ID,
      version: 1,
      createdAt: EXAMPLE_NOW,
      client: { companyName: 'Bakkerij De Korenschoof B.V.', locale: 'nl' },
      agreement: { version: 1, documentHash: sampleAgreement().documentHash, minimumBillableMinutes: 15 },
    });
    expect(report.reportHash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyReportHash(report)).toBe(true);
    expect(verifyReportHash({ ...report, totals: { ...report.totals, vatCents: report.totals.vatCents + 1 } })).toBe(false);
    expect(exampleReport({ version: 2 }).reportHash).not.toBe(report.reportHash);
  });

  it('is the same report, hash included, whatever order the tickets and refused problems come in', () => {
    const refused = [...EXAMPLE_REFUSED, { title: 'Scanner', reportedAt: '2026-12-29T09:00:00.000Z', reason: 'round-full' }];
    const a = exampleReport({ refusedProblems: refused });
    const b = exampleReport({ tickets: exampleTickets().reverse(), refusedProblems: [...refused].reverse() });
    expect(b).toEqual(a);
    expect(a.openPoints.refusedProblems.map((p) => p.title)).toEqual(['Scanner', 'Beamer in de vergaderzaal']);
  });
});

describe('the follow-up report, edge cases', () => {
  const due = { responseDueAt: '2027-01-04T10:00:00.000Z', resolveDueAt: '2027-01-05T10:00:00.000Z' };

  it('counts a ticket never acknowledged as late, until the report’s time', () => {
    const ticket = reportTicket({ incidentId: 'inc-05', priority: 'normal', minutesLogged: 0, acknowledgedAt: undefined, resolvedAt: undefined, ...due });
    const report = exampleReport({ tickets: [ticket], refusedProblems: [] });
    expect(report.sla.respondedOnTime).toEqual({ onTime: 0, missed: 1, total: 1, percent: 0 });
    expect(report.sla.resolvedOnTime).toEqual({ onTime: 0, missed: 1, total: 1, percent: 0 });
    // Due Mon 4 Jan 11:00 and Tue 5 Jan 11:00 Amsterdam; now Fri 8 Jan 11:00: 4 × 9 h and 3 × 9 h
    expect(report.breaches.map((b) => [b.kind, b.happenedAt, b.stillOpen, b.businessHoursLate])).toEqual([
      ['response', EXAMPLE_NOW, true, 36],
      ['resolve', EXAMPLE_NOW, true, 27],
    ]);
    expect(report.lines[0]).toMatchObject({ acknowledgedAt: null, resolvedAt: null });
    expect(report.openPoints.followUps).toEqual([]);
  });

  it('treats a time exactly at the due time as on time', () => {
    const ticket = reportTicket({ incidentId: 'inc-01', priority: 'high', minutesLogged: 15, acknowledgedAt: due.responseDueAt, resolvedAt: due.resolveDueAt, ...due });
    const report = exampleReport({ tickets: [ticket] });
    expect(report.sla.respondedOnTime.percent).toBe(100);
    expect(report.sla.resolvedOnTime.percent).toBe(100);
    expect(report.breaches).toEqual([]);
  });

  it('gives n/a (null), not 100 %, when there are no tickets, and zero totals', () => {
    const report = exampleReport({ tickets: [], refusedProblems: [] });
    expect(report.sla).toEqual({
      tickets: 0,
      respondedOnTime: { onTime: 0, missed: 0, total: 0, percent: null },
      resolvedOnTime: { onTime: 0, missed: 0, total: 0, percent: null },
    });
    expect(report.totals).toEqual({ exclVatCents: 0, vatPercent: 21, vatCents: 0, inclVatCents: 0 });
  });

  it('uses the ticket’s current priority and the agreement’s snapshot, not the agreement line’s priority', () => {
    // inc-01's line is high; the ticket was changed to critical: 60 min × 9500 × 150 / 6000 = 14 250
    const [first] = exampleTickets();
    const report = exampleReport({ tickets: [{ ...first!, priority: 'critical' }] });
    expect(report.lines[0]).toMatchObject({ priority: 'critical', surchargePercent: 150, labourCents: 14_250, totalCents: 14_250 + 4950 });
  });

  it('puts a ticket still waiting for its round last, with round null', () => {
    const waiting = { ...reportTicket({ incidentId: 'inc-00', priority: 'normal', minutesLogged: 0, acknowledgedAt: undefined, resolvedAt: undefined, ...due }), round: undefined };
    const report = exampleReport({ tickets: [waiting, ...exampleTickets()] });
    expect(report.lines.map((l) => [l.incidentId, l.round])).toEqual([
      ['inc-01', 1],
      ['inc-02', 1],
      ['inc-03', 2],
      ['inc-04', 2],
      ['inc-00', null],
    ]);
  });

  it('skips empty follow-ups and those of tickets not resolved', () => {
    const tickets = [
      reportTicket({ incidentId: 'inc-01', priority: 'high', minutesLogged: 0, followUp: '   ', ...due }),
      { ...reportTicket({ incidentId: 'inc-02', priority: 'high', minutesLogged: 0, followUp: 'Kabel vervangen', ...due }), resolvedAt: undefined },
      reportTicket({ incidentId: 'inc-03', priority: 'high', minutesLogged: 0, followUp: '  Back-up testen \n', ...due }),
    ];
    expect(exampleReport({ tickets }).openPoints.followUps.map((p) => [p.incidentId, p.followUp])).toEqual([['inc-03', 'Back-up testen']]);
  });

  it('refuses what it cannot report exactly', () => {
    const ticket = (minutesLogged: number) => reportTicket({ incidentId: 'inc-01', priority: 'high', minutesLogged, ...due });
    expect(() => exampleReport({ tickets: [ticket(1.5)] })).toThrow(RangeError);
    expect(() => exampleReport({ tickets: [ticket(-15)] })).toThrow(RangeError);
    expect(() => exampleReport({ tickets: [ticket(Number.MAX_SAFE_INTEGER)] })).toThrow(RangeError);
    // Safe minutes whose labour is not: 2^50 min × €950.00 × 500 % overflows the safe range of cents.
    const card: RateCard = { ...sampleAgreement().rateCard, hourlyRateCents: 95_000, minimumBillableMinutes: 1 };
    card.priorities = { ...card.priorities, high: { ...card.priorities.high, surchargePercent: 500 } };
    expect(() => exampleReport({ agreement: { ...sampleAgreement(), rateCard: card, minimumBillableMinutes: 1 }, tickets: [ticket(2 ** 50)] })).toThrow(RangeError);
    expect(() => exampleReport({ tickets: [{ ...ticket(15), resolvedAt: 'gisteren' }] })).toThrow(RangeError);
    expect(() => exampleReport({ version: 0 })).toThrow(RangeError);
  });

  it('refuses tickets of another onboarding, a ticket twice and another onboarding’s agreement', () => {
    const [first] = exampleTickets();
    expect(() => exampleReport({ tickets: [{ ...first!, onboardingId: 'onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4Y' }] })).toThrow(/belongs to/);
    expect(() => exampleReport({ tickets: [first!, first!] })).toThrow(/twice/);
    expect(() => exampleReport({ agreement: { ...sampleAgreement(), onboardingId: 'onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4Y' } })).toThrow(/Agreement of/);
  });
});

describe('the report’s building blocks', () => {
  it('rounds logged minutes up to whole blocks; 0 stays 0', () => {
    expect(billableLoggedMinutes(0, 15)).toBe(0);
    expect(billableLoggedMinutes(1, 15)).toBe(15);
    expect(billableLoggedMinutes(15, 15)).toBe(15);
    expect(billableLoggedMinutes(16, 15)).toBe(30);
    expect(billableLoggedMinutes(50, 20)).toBe(60);
    expect(() => billableLoggedMinutes(10, 0)).toThrow(RangeError);
  });

  it('gives compliance in percent with one decimal, half up, never 100.0 or 0.0 by rounding', () => {
    expect(compliancePercent(0, 0)).toBeNull();
    expect(compliancePercent(2, 3)).toBe(66.7); // 66.666…
    expect(compliancePercent(1, 6)).toBe(16.7); // 16.666…
    expect(compliancePercent(1, 8)).toBe(12.5);
    expect(compliancePercent(1, 16)).toBe(6.3); // 6.25 → half up
    expect(compliancePercent(1999, 2000)).toBe(99.9); // 99.95 would round to 100.0
    expect(compliancePercent(1, 3000)).toBe(0.1); // 0.033… would round to 0.0
    expect(compliancePercent(4, 4)).toBe(100);
    expect(compliancePercent(0, 4)).toBe(0);
    expect(() => compliancePercent(5, 4)).toThrow(RangeError);
  });

  it('counts lateness in business hours only, to a tenth, half up', () => {
    // Due Fri 18 Dec 17:00 Amsterdam, acknowledged Sat 19 Dec: only Fri 17:00–17:30 counts.
    expect(businessHoursLate(calendar, '2026-12-18T16:00:00.000Z', '2026-12-19T09:00:00.000Z')).toBe(0.5);
    // Due Fri 17:30 (closing), done Saturday: late, but by no business time.
    expect(businessHoursLate(calendar, '2026-12-18T16:30:00.000Z', '2026-12-19T12:00:00.000Z')).toBe(0);
    // 3 minutes = 0.05 h → 0.1 h; 2 minutes 59 s → 0.0 h
    expect(businessHoursLate(calendar, '2026-12-17T09:00:00.000Z', '2026-12-17T09:03:00.000Z')).toBe(0.1);
    expect(businessHoursLate(calendar, '2026-12-17T09:00:00.000Z', '2026-12-17T09:02:59.000Z')).toBe(0);
    // Koningsdag (Tue 27 Apr 2027) is closed: Mon 26 Apr 17:00 → Wed 28 Apr 09:30 (UTC+2) = 0.5 + 1 h
    expect(businessHoursLate(calendar, '2027-04-26T15:00:00.000Z', '2027-04-28T07:30:00.000Z')).toBe(1.5);
  });
});

// ---- properties ----

const BASE = Date.parse('2026-11-02T08:00:00.000Z');
const HOUR = 3_600_000;
const offset = fc.integer({ min: 0, max: 30 * 24 }).map((hours) => new Date(BASE + hours * HOUR + 60_000 * 7).toISOString());

const priorityTerms = fc.record({
  surchargePercent: fc.integer({ min: 100, max: 500 }),
  responseTimeBusinessHours: fc.constant(8),
  resolutionTimeBusinessHours: fc.constant(16),
});
const rateCard: fc.Arbitrary<RateCard> = fc.record({
  currency: fc.constant('EUR' as const),
  hourlyRateCents: fc.integer({ min: 100, max: 100_000 }),
  priorities: fc.record({ critical: priorityTerms, high: priorityTerms, normal: priorityTerms, low: priorityTerms }),
  vatPercent: fc.integer({ min: 0, max: 100 }),
  invoicing: fc.constant({ frequency: 'monthly' as const, paymentTermDays: 14 }),
  minimumBillableMinutes: fc.integer({ min: 1, max: 240 }),
  validityDays: fc.constant(30),
  reviewAboveCents: fc.constant(250_000),
  analysisLimits: fc.constant({ maxHoursPerItem: 200, maxMaterialQuantity: 10_000, maxMaterialUnitCostCents: 10_000_000 }),
});

const ticketCase = fc.record({
  priority: fc.constantFrom<Priority>(...PRIORITIES),
  minutesLogged: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 })),
  responseDueAt: offset,
  resolveDueAt: offset,
  acknowledgedAt: fc.option(offset, { nil: undefined }),
  resolvedAt: fc.option(offset, { nil: undefined }),
  round: fc.integer({ min: 1, max: 10 }),
  materialsCents: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: undefined }),
  followUp: fc.option(fc.constantFrom('UPS vervangen', '', 'Back-up testen'), { nil: undefined }),
});

const reportCase = fc.record({ card: rateCard, tickets: fc.array(ticketCase, { maxLength: 25 }) });

type ReportCase = typeof reportCase extends fc.Arbitrary<infer T> ? T : never;

/** The case's report; `reversed` hands the same tickets to the builder in the opposite order. */
function build({ card, tickets }: ReportCase, reversed = false): { report: FollowUpReport; tickets: Ticket[] } {
  const incident = (i: number) => `inc-${String(i + 1).padStart(2, '0')}`;
  const lines: AgreementLine[] = tickets.flatMap((t, i) => (t.materialsCents === undefined ? [] : [{ ...sampleAgreement().lines[0]!, incidentId: incident(i), materialsCents: t.materialsCents }]));
  const agreement: Agreement = { ...sampleAgreement(), lines, rateCard: card, minimumBillableMinutes: card.minimumBillableMinutes };
  const built = tickets.map(({ materialsCents: _materials, ...t }, i) => reportTicket({ ...t, incidentId: incident(i) }));
  const given = reversed ? [...built].reverse() : built;
  const report = buildFollowUpReport({ onboardingId: ONBOARDING_ID, agreement, tickets: given, calendar, refusedProblems: [], now: EXAMPLE_NOW, version: 1 });
  return { report, tickets: built };
}

function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('follow-up report properties', () => {
  it('the lines sum to the subtotal, each line is labour plus materials, labour is exact to half a cent', () => {
    fc.assert(
      fc.property(reportCase, (input) => {
        const { report } = build(input);
        const block = BigInt(input.card.minimumBillableMinutes);
        for (const line of report.lines) {
          const logged = BigInt(line.loggedMinutes);
          const billable = ((logged + block - 1n) / block) * block;
          expect(BigInt(line.billableMinutes)).toBe(billable);
          // 6000 × labour − minutes × rate × surcharge within (−3000, 3000]: half a cent at most, half up.
          const error = BigInt(line.labourCents) * 6000n - billable * BigInt(line.hourlyRateCents) * BigInt(line.surchargePercent);
          expect(error > -3000n && error <= 3000n).toBe(true);
          expect(line.hourlyRateCents).toBe(input.card.hourlyRateCents);
          expect(line.surchargePercent).toBe(input.card.priorities[line.priority].surchargePercent);
          expect(line.totalCents).toBe(line.labourCents + line.materialsCents);
        }
        expect(report.totals.exclVatCents).toBe(report.lines.reduce((sum, line) => sum + line.totalCents, 0));
      }),
    );
  });

  it('VAT is computed once: round half up (subtotal × VAT %), and the total is subtotal + VAT', () => {
    fc.assert(
      fc.property(reportCase, (input) => {
        const { totals } = build(input).report;
        const exact = BigInt(totals.exclVatCents) * BigInt(input.card.vatPercent);
        expect(BigInt(totals.vatCents)).toBe((2n * exact + 100n) / 200n);
        expect(totals.vatPercent).toBe(input.card.vatPercent);
        expect(totals.inclVatCents).toBe(totals.exclVatCents + totals.vatCents);
      }),
    );
  });

  it('compliance percentages stay within 0–100 and match the counts and the breaches', () => {
    fc.assert(
      fc.property(reportCase, (input) => {
        const { report, tickets } = build(input);
        const responded = tickets.filter((t) => t.acknowledgedAt !== undefined && Date.parse(t.acknowledgedAt) <= Date.parse(t.responseDueAt)).length;
        const resolved = tickets.filter((t) => t.resolvedAt !== undefined && Date.parse(t.resolvedAt) <= Date.parse(t.resolveDueAt)).length;
        const checks = [
          [report.sla.respondedOnTime, responded, 'response'],
          [report.sla.resolvedOnTime, resolved, 'resolve'],
        ] as const;
        for (const [figure, onTime, kind] of checks) {
          expect(figure.total).toBe(tickets.length);
          expect(figure.onTime).toBe(onTime);
          expect(figure.missed).toBe(tickets.length - onTime);
          expect(report.breaches.filter((b) => b.kind === kind)).toHaveLength(figure.missed);
          if (figure.total === 0) {
            expect(figure.percent).toBeNull();
          } else {
            const percent = figure.percent!;
            expect(percent).toBeGreaterThanOrEqual(0);
            expect(percent).toBeLessThanOrEqual(100);
            expect(Number.isInteger(Math.round(percent * 10))).toBe(true);
            expect(Math.abs(percent - (onTime * 100) / figure.total)).toBeLessThanOrEqual(0.05 + 1e-9);
            expect(percent === 100).toBe(onTime === figure.total);
            expect(percent === 0).toBe(onTime === 0);
          }
        }
        for (const breach of report.breaches) {
          expect(breach.businessHoursLate).toBeGreaterThanOrEqual(0);
          expect(Math.abs(breach.businessHoursLate * 10 - Math.round(breach.businessHoursLate * 10))).toBeLessThan(1e-9);
        }
      }),
    );
  });

  it('every amount is a non-negative safe integer of cents', () => {
    fc.assert(
      fc.property(reportCase, (input) => {
        const { report } = build(input);
        const money = report.lines.map(({ hourlyRateCents, labourCents, materialsCents, totalCents, billableMinutes, loggedMinutes }) => ({
          hourlyRateCents,
          labourCents,
          materialsCents,
          totalCents,
          billableMinutes,
          loggedMinutes,
        }));
        for (const amount of numbersIn({ money, totals: report.totals })) {
          expect(Number.isSafeInteger(amount), String(amount)).toBe(true);
          expect(amount).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('the hash verifies and does not depend on the order of the tickets', () => {
    fc.assert(
      fc.property(reportCase, (input) => {
        const { report } = build(input);
        expect(verifyReportHash(report)).toBe(true);
        expect(build(input, true).report).toEqual(report);
      }),
      { numRuns: 30 },
    );
  });
});
