import { NOTICES } from '../../../functions/domain/lifecycle';
import type { Email } from './http';
import type { OnboardingDetail } from './scenario';

/** The demo's closing report: the onboarding's timeline and the e-mails sent, one line each. */
const MAX_LINE = 160;

/** HH:MM:SS in this machine's time zone. */
export function localTime(at: string | number): string {
  return new Date(at).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

const clip = (line: string) => (line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line);

const NOTICE_TYPES = Object.values(NOTICES).map((notice) => notice.type);
/** A notification's mark (CLIENT_CONFIRMATION_SENT, TECHNICIAN_ASSIGNED_EMAILED_T2, …), not a change. */
const isNotice = (type: string) => NOTICE_TYPES.some((notice) => type === notice || type.startsWith(`${notice}_`));

function actorOf(actor: OnboardingDetail['timeline'][number]['actor']): string {
  if (actor.kind === 'staff') return actor.email ?? 'staff';
  if (actor.kind === 'client') return `client (${actor.name ?? '?'})`;
  return actor.step ?? actor.kind;
}

export function timelineLines(detail: OnboardingDetail): string[] {
  // By time; in the same millisecond a change reads before the e-mail that announces it.
  const events = [...detail.timeline].sort((a, b) => a.at.localeCompare(b.at) || Number(isNotice(a.type)) - Number(isNotice(b.type)));
  const who = Math.max(...events.map((e) => actorOf(e.actor).length));
  return events.map((event) => {
    const ticket = event.ticketId && !event.detail?.includes(event.ticketId) ? `${event.ticketId}: ` : '';
    const what = [event.type, `${ticket}${event.detail ?? ''}`].filter(Boolean).join('  ');
    return clip(`  ${localTime(event.at)}  ${actorOf(event.actor).padEnd(who)}  ${what}`);
  });
}

export function emailLines(emails: Email[]): string[] {
  const width = Math.max(...emails.map((mail) => mail.destination.to.join(', ').length));
  return emails.map((mail) => {
    const cc = mail.destination.cc?.length ? `  (cc ${mail.destination.cc.join(', ')})` : '';
    // The SES emulator stamps whole seconds since the epoch.
    return clip(`  ${localTime(mail.at * 1000)}  ${mail.destination.to.join(', ').padEnd(width)}  ${mail.subject}${cc}`);
  });
}

export function summaryLines(detail: OnboardingDetail): string[] {
  const euro = (cents: number | undefined) => (cents === undefined ? '?' : `€ ${(cents / 100).toFixed(2)}`);
  const tickets = detail.tickets.map((t) => `${t.ticketId} ${t.status} (${t.assignee?.name ?? 'nobody'})`);
  return [
    `  status ${detail.status}; ${detail.incidents.length} incidents, ${detail.tickets.length} tickets`,
    `  agreement ${euro(detail.agreement?.totals.inclVatCents)} incl. VAT; report ${euro(detail.report?.totals?.inclVatCents)} incl. VAT; feedback ${detail.feedback ? `${detail.feedback.score}/5` : 'none'}`,
    ...tickets.map((t) => `  ${t}`),
  ];
}
