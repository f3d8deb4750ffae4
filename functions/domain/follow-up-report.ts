import type { Agreement, AgreementTotals } from './agreement';
import type { BusinessCalendar } from './business-hours';
import { canonicalJson, sha256Hex } from './canonical-json';
import { labourCents, totalsOf } from './pricing';
import type { Priority } from './rate-card';
import type { Ticket } from './ticket';

/*
 * The follow-up report (SendFollowUpReport): what was done per ticket and what it costs, whether
 * the agreed response and resolution times were met, and what is still open. Pure and
 * deterministic: the same input gives the same report and the same hash, whatever order the
 * tickets and refused problems arrive in.
 *
 * Money is integer euro cents, priced as the agreement is (pricing.ts): the logged minutes of a
 * ticket rounded up to the agreement's billable block, × the hourly rate × the priority's
 * surcharge, in BigInt with one half-up rounding at the end (labourCents); materials at the
 * agreement line's cost; VAT once on the subtotal (totalsOf), never per line.
 *
 * Compliance percentages have one decimal, rounded half up in integer arithmetic, with one
 * exception: 100.0 is only shown when every ticket was on time and 0.0 only when none was (so
 * 1999 of 2000 reads 99.9, not 100.0). No tickets → null ("n/a"), not 100.
 */

/** Which agreed time a breach is about: the response (acknowledgement) or the resolution. */
export type DueKind = 'response' | 'resolve';

/** One ticket: its times, the hours estimated vs logged, and what it costs. Money in integer euro cents. */
export interface FollowUpReportLine {
  ticketId: string;
  incidentId: string;
  title: string;
  priority: Priority;
  /** null for a ticket still waiting for its round (a problem reported while the last round ran). */
  round: number | null;
  createdAt: string;
  responseDueAt: string;
  resolveDueAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  respondedOnTime: boolean;
  resolvedOnTime: boolean;
  /** The analyst's estimate in hours; 0 for a problem reported without one. */
  estimatedHours: number;
  loggedMinutes: number;
  /** Logged minutes rounded up to the agreement's billable block (0 stays 0). */
  billableMinutes: number;
  /** From the agreement's rate-card snapshot, for the ticket's priority. */
  hourlyRateCents: number;
  surchargePercent: number;
  labourCents: number;
  /** The agreement line's materials for this incident; 0 for a problem reported after the agreement. */
  materialsCents: number;
  totalCents: number;
}

/** How many tickets met one agreed time. `percent` has one decimal; null when there are no tickets. */
export interface ComplianceFigure {
  onTime: number;
  missed: number;
  total: number;
  percent: number | null;
}

export interface FollowUpReportSla {
  tickets: number;
  respondedOnTime: ComplianceFigure;
  resolvedOnTime: ComplianceFigure;
}

/** A missed due time and by how much, in business hours (one decimal). */
export interface FollowUpReportBreach {
  ticketId: string;
  incidentId: string;
  title: string;
  priority: Priority;
  kind: DueKind;
  dueAt: string;
  /** When the ticket was acknowledged or resolved; the report's `createdAt` while it has not been (stillOpen). */
  happenedAt: string;
  stillOpen: boolean;
  /** Business time from the due time to happenedAt, rounded half up to 0.1 h. 0 when it happened outside business hours only. */
  businessHoursLate: number;
}

/** A problem a bound refused (too many rounds, incidents or reports). */
export interface RefusedProblem {
  title: string;
  reportedAt: string;
  reason: string;
}

/** What a technician noted at resolution as still to be done. */
export interface FollowUpPoint {
  ticketId: string;
  incidentId: string;
  title: string;
  followUp: string;
}

export interface FollowUpReport {
  onboardingId: string;
  /** 1, then one more for each report built again (immutable versions). */
  version: number;
  createdAt: string;
  /** From the agreement: whom the report is for and in which language. */
  client: { companyName: string; locale: Agreement['client']['locale'] };
  /** The agreement version whose rate-card snapshot priced the report. */
  agreement: { version: number; documentHash: string; minimumBillableMinutes: number };
  lines: FollowUpReportLine[];
  /** exclVatCents = Σ line totals; vatCents once on that subtotal; inclVatCents = subtotal + VAT. */
  totals: AgreementTotals;
  sla: FollowUpReportSla;
  breaches: FollowUpReportBreach[];
  openPoints: { refusedProblems: RefusedProblem[]; followUps: FollowUpPoint[] };
  /** SHA-256 (hex) of the canonical JSON (canonical-json.ts) of every other field; see verifyReportHash. */
  reportHash: string;
}

export interface FollowUpReportInput {
  onboardingId: string;
  /** The approved agreement version: its rate-card snapshot, billable block, VAT and materials. */
  agreement: Agreement;
  /** Every ticket of the onboarding, of every round. */
  tickets: Ticket[];
  calendar: BusinessCalendar;
  refusedProblems: ReadonlyArray<RefusedProblem>;
  /** The instant the report is built (a step's EnteredTime, so a retry builds the same report). */
  now: string;
  version: number;
}

const MS_PER_TENTH_HOUR = 360_000;

export function buildFollowUpReport(input: FollowUpReportInput): FollowUpReport {
  const { onboardingId, agreement, calendar, version } = input;
  if (agreement.onboardingId !== onboardingId) throw new Error(`Agreement of ${agreement.onboardingId} given for ${onboardingId}`);
  requireWhole('version', version, 1);
  const now = isoInstant('now', input.now);

  const roundOf = (ticket: Ticket) => ticket.round ?? Number.POSITIVE_INFINITY;
  const tickets = [...input.tickets].sort((a, b) => roundOf(a) - roundOf(b) || compareText(a.ticketId, b.ticketId));
  const seen = new Set<string>();
  for (const ticket of tickets) {
    if (ticket.onboardingId !== onboardingId) throw new Error(`Ticket ${ticket.ticketId} belongs to ${ticket.onboardingId}, not ${onboardingId}`);
    if (seen.has(ticket.ticketId)) throw new Error(`Ticket ${ticket.ticketId} is given twice`);
    seen.add(ticket.ticketId);
  }

  const materialsByIncident = new Map(agreement.lines.map((line) => [line.incidentId, line.materialsCents]));
  const lines = tickets.map((ticket) => reportLine(ticket, agreement, materialsByIncident.get(ticket.incidentId) ?? 0));
  const totals = totalsOf(lines, agreement.rateCard.vatPercent);

  const content: Omit<FollowUpReport, 'reportHash'> = {
    onboardingId,
    version,
    createdAt: now,
    client: { companyName: agreement.client.companyName, locale: agreement.client.locale },
    agreement: { version: agreement.version, documentHash: agreement.documentHash, minimumBillableMinutes: agreement.minimumBillableMinutes },
    lines,
    totals,
    sla: {
      tickets: lines.length,
      respondedOnTime: complianceOf(lines.filter((line) => line.respondedOnTime).length, lines.length),
      resolvedOnTime: complianceOf(lines.filter((line) => line.resolvedOnTime).length, lines.length),
    },
    breaches: lines.flatMap((line) => breachesOf(line, calendar, now)),
    openPoints: {
      refusedProblems: refusedProblemsOf(input.refusedProblems),
      followUps: tickets.flatMap((ticket) => {
        const followUp = followUpOf(ticket);
        return ticket.resolvedAt !== undefined && followUp
          ? [{ ticketId: ticket.ticketId, incidentId: ticket.incidentId, title: ticket.title, followUp }]
          : [];
      }),
    },
  };
  return { ...content, reportHash: reportHashOf(content) };
}

/** SHA-256 hex of the canonical JSON of a report's content (every field but reportHash). */
export function reportHashOf(content: Omit<FollowUpReport, 'reportHash'>): string {
  return sha256Hex(canonicalJson(content));
}

/** True when the report's content still hashes to its reportHash. */
export function verifyReportHash(report: FollowUpReport): boolean {
  const { reportHash, ...content } = report;
  return reportHash === reportHashOf(content);
}

/** Logged minutes rounded up to whole billing blocks: 50 in blocks of 15 → 60; 0 → 0. */
export function billableLoggedMinutes(loggedMinutes: number, blockMinutes: number): number {
  requireWhole('loggedMinutes', loggedMinutes);
  requireWhole('minimumBillableMinutes', blockMinutes, 1);
  const remainder = loggedMinutes % blockMinutes;
  const minutes = remainder === 0 ? loggedMinutes : loggedMinutes + blockMinutes - remainder;
  requireWhole('billable minutes', minutes);
  return minutes;
}

/**
 * onTime / total in percent with one decimal, rounded half up (2 of 3 → 66.7), except that 100.0
 * needs every ticket on time and 0.0 needs none on time. null when total is 0 (nothing to measure).
 */
export function compliancePercent(onTime: number, total: number): number | null {
  requireWhole('total', total);
  requireWhole('onTime', onTime);
  if (onTime > total) throw new RangeError(`${onTime} on time out of ${total}`);
  if (total === 0) return null;
  const numerator = BigInt(onTime) * 1000n;
  const denominator = BigInt(total);
  let tenths = Number((2n * numerator + denominator) / (2n * denominator));
  if (tenths === 1000 && onTime < total) tenths = 999;
  if (tenths === 0 && onTime > 0) tenths = 1;
  return tenths / 10;
}

/** Business hours from `dueAt` to `happenedAt`, rounded half up to 0.1 h (0 when not after). */
export function businessHoursLate(calendar: BusinessCalendar, dueAt: string, happenedAt: string): number {
  const ms = calendar.businessMsBetween(Date.parse(isoInstant('dueAt', dueAt)), Date.parse(isoInstant('happenedAt', happenedAt)));
  // ms is whole; a half tenth (180 000 ms past a whole tenth) divides exactly to .5, so Math.round is half up.
  return Math.round(ms / MS_PER_TENTH_HOUR) / 10;
}

function reportLine(ticket: Ticket, agreement: Agreement, materialsCents: number): FollowUpReportLine {
  const terms = (agreement.rateCard.priorities as Partial<Record<string, { surchargePercent: number }>>)[ticket.priority];
  if (!terms) throw new RangeError(`The agreement's rate card has no terms for priority ${ticket.priority}`);
  const { hourlyRateCents } = agreement.rateCard;
  const { surchargePercent } = terms;
  if (!Number.isFinite(ticket.estimatedHours) || ticket.estimatedHours < 0) {
    throw new RangeError(`Estimated hours of ${ticket.ticketId} must be 0 or more, not ${ticket.estimatedHours}`);
  }
  if (ticket.round !== undefined) requireWhole('round', ticket.round, 1);
  requireWhole(`materials of ${ticket.incidentId}`, materialsCents);
  const minutes = billableLoggedMinutes(ticket.minutesLogged, agreement.minimumBillableMinutes);
  const labour = labourCents(minutes, hourlyRateCents, surchargePercent);
  const responseDueAt = isoInstant('responseDueAt', ticket.responseDueAt);
  const resolveDueAt = isoInstant('resolveDueAt', ticket.resolveDueAt);
  const acknowledgedAt = ticket.acknowledgedAt === undefined ? null : isoInstant('acknowledgedAt', ticket.acknowledgedAt);
  const resolvedAt = ticket.resolvedAt === undefined ? null : isoInstant('resolvedAt', ticket.resolvedAt);
  return {
    ticketId: ticket.ticketId,
    incidentId: ticket.incidentId,
    title: ticket.title,
    priority: ticket.priority,
    round: ticket.round ?? null,
    createdAt: isoInstant('createdAt', ticket.createdAt),
    responseDueAt,
    resolveDueAt,
    acknowledgedAt,
    resolvedAt,
    respondedOnTime: acknowledgedAt !== null && Date.parse(acknowledgedAt) <= Date.parse(responseDueAt),
    resolvedOnTime: resolvedAt !== null && Date.parse(resolvedAt) <= Date.parse(resolveDueAt),
    estimatedHours: ticket.estimatedHours,
    loggedMinutes: ticket.minutesLogged,
    billableMinutes: minutes,
    hourlyRateCents,
    surchargePercent,
    labourCents: labour,
    materialsCents,
    totalCents: addCents(labour, materialsCents),
  };
}

function complianceOf(onTime: number, total: number): ComplianceFigure {
  return { onTime, missed: total - onTime, total, percent: compliancePercent(onTime, total) };
}

/** One breach per missed due time: a time never reached (not acknowledged, not resolved) counts as missed at `now`. */
function breachesOf(line: FollowUpReportLine, calendar: BusinessCalendar, now: string): FollowUpReportBreach[] {
  const missed: Array<[DueKind, string, string | null]> = [];
  if (!line.respondedOnTime) missed.push(['response', line.responseDueAt, line.acknowledgedAt]);
  if (!line.resolvedOnTime) missed.push(['resolve', line.resolveDueAt, line.resolvedAt]);
  return missed.map(([kind, dueAt, at]) => {
    const happenedAt = at ?? now;
    return {
      ticketId: line.ticketId,
      incidentId: line.incidentId,
      title: line.title,
      priority: line.priority,
      kind,
      dueAt,
      happenedAt,
      stillOpen: at === null,
      businessHoursLate: businessHoursLate(calendar, dueAt, happenedAt),
    };
  });
}

function refusedProblemsOf(problems: ReadonlyArray<RefusedProblem>): RefusedProblem[] {
  return problems
    .map(({ title, reportedAt, reason }) => ({ title, reportedAt: isoInstant('reportedAt', reportedAt), reason }))
    .sort((a, b) => compareText(a.reportedAt, b.reportedAt) || compareText(a.title, b.title) || compareText(a.reason, b.reason));
}

/** The technician's follow-up note at resolution, trimmed; undefined when there is none or it is blank. */
function followUpOf(ticket: Ticket): string | undefined {
  const text = ticket.resolution?.followUp?.trim() ?? '';
  return text === '' ? undefined : text;
}

/** Code-unit order, the same on every machine (localeCompare is not). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A valid instant, written as toISOString writes it, so equal instants hash equally. */
function isoInstant(name: string, value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`${name} is not an ISO timestamp: ${value}`);
  return new Date(ms).toISOString();
}

function addCents(a: number, b: number): number {
  const sum = BigInt(a) + BigInt(b);
  if (sum > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${sum} cents is too large to hold exactly`);
  return Number(sum);
}

function requireWhole(name: string, value: number, minimum = 0): void {
  if (!Number.isSafeInteger(value) || value < minimum) throw new RangeError(`${name} must be a whole number ≥ ${minimum}, not ${value}`);
}
