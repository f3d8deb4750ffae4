import type { Onboarding } from '../../domain/onboarding';
import type { Ticket, TicketStatus } from '../../domain/ticket';
import { formatBusinessHours, PRIORITY_LABELS } from '../format';
import { composeEmail, paragraph, type Block, type Facts } from './agreement-email-blocks';
import { onboardingFacts } from './agreement-email-parts';
import { apiCall } from './api-call';
import { formatDateTime, type RenderedEmail } from './layout';

/** Which SLA time a notice is about: the response (acknowledge) or the resolution. */
export type SlaKind = 'response' | 'resolve';

export interface SlaNoticeInput {
  ticket: Ticket;
  onboarding: Onboarding;
  kind: SlaKind;
  /** The API's base URL (no trailing slash), for the staff calls the e-mail names. */
  apiUrl: string;
}

/** "reactietermijn" / "oplostermijn". */
export const SLA_TERM_NL: Record<SlaKind, string> = { response: 'reactietermijn', resolve: 'oplostermijn' };

const DUE_LABEL_NL: Record<SlaKind, string> = { response: 'Reactie uiterlijk', resolve: 'Oplossing uiterlijk' };

const STATUS_LABELS_NL: Record<TicketStatus, string> = {
  OPEN: 'Open, nog niet toegewezen',
  ASSIGNED: 'Toegewezen, nog niet bevestigd',
  ACKNOWLEDGED: 'Bevestigd door de technicus',
  ON_HOLD: 'In de wacht',
  RESOLVED: 'Opgelost',
};

/** The due time of `kind`, as an ISO instant. */
export const slaDueAt = (ticket: Ticket, kind: SlaKind): string => (kind === 'response' ? ticket.responseDueAt : ticket.resolveDueAt);

/** The agreed business hours of `kind` for the ticket's priority. */
export function slaHours(ticket: Ticket, kind: SlaKind): number {
  const terms = ticket.slaTerms[ticket.priority];
  return kind === 'response' ? terms.responseHours : terms.resolutionHours;
}

/** A subject on one line, whatever the stored text holds. */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** "Jan Jansen <jan@…>" or "nog niemand". */
export const assigneeText = (ticket: Ticket): string => (ticket.assignee ? `${ticket.assignee.name} <${ticket.assignee.email}>` : 'Nog niemand');

/** The ticket as staff recognise it: what, for whom, how urgent, due when, with whom. */
export function slaTicketFacts(ticket: Ticket, onboarding: Onboarding, kind: SlaKind): Facts {
  return [
    ['Ticket', ticket.ticketId],
    ['Titel', ticket.title],
    ['Klant', onboarding.client.companyName],
    ['Prioriteit', PRIORITY_LABELS.nl[ticket.priority]],
    [DUE_LABEL_NL[kind], formatDateTime(slaDueAt(ticket, kind), 'nl')],
    ['Toegewezen aan', assigneeText(ticket)],
    ['Status', STATUS_LABELS_NL[ticket.status]],
    ['Vaardigheden', ticket.requiredSkills.join(', ')],
  ];
}

/** What the technician can do through the API, for the SLA time at stake. */
export function technicianActions(ticket: Ticket, kind: SlaKind, apiUrl: string): string[] {
  const id = ticket.ticketId;
  const post = (path: string) => apiCall(apiUrl, 'POST', path);
  const hold = `Wacht je op de klant? Zet het ticket in de wacht met ${post(`/tickets/${id}/hold`)} (met een reden): dan staat de klok stil tot ${post(`/tickets/${id}/resume`)}.`;
  if (kind === 'response' && ticket.status !== 'ACKNOWLEDGED') {
    return [`Bevestig het ticket zodra je het oppakt: ${post(`/tickets/${id}/acknowledge`)}.`, hold];
  }
  return [`Los het ticket op met ${post(`/tickets/${id}/resolve`)} (met een samenvatting van de oplossing).`, hold];
}

/** What to do while nobody has the ticket: a technician with its skills (the calls in full). */
export function noTechnicianAction(ticket: Ticket, apiUrl: string): string {
  return `Het ticket heeft nog geen technicus: er is niemand vrij met de vaardigheden ${ticket.requiredSkills.join(', ')}. Zorg met een beheerder voor een technicus (${apiCall(apiUrl, 'POST', '/technicians')} of ${apiCall(apiUrl, 'PATCH', '/technicians/{id}')}); het ticket wordt dan vanzelf toegewezen.`;
}

/**
 * To the ticket's technician (Dutch), or to the account manager while nobody has the ticket:
 * 80 % of the business time until the response or resolution due time is used.
 */
export function slaWarningNotice(input: SlaNoticeInput): RenderedEmail {
  const { ticket, onboarding, kind, apiUrl } = input;
  const company = onboarding.client.companyName;
  const term = SLA_TERM_NL[kind];
  const due = formatDateTime(slaDueAt(ticket, kind), 'nl');
  const subject = oneLine(`${capitalised(term)} bijna verstreken: ${ticket.title} – ${company} (${ticket.ticketId})`);
  const deadline = kind === 'response' ? `moet uiterlijk ${due} bevestigd zijn` : `moet uiterlijk ${due} opgelost zijn`;
  const blocks: Block[] = [
    paragraph(
      `Van de ${term} van ticket ${ticket.ticketId} (“${ticket.title}”) voor ${company}, ${formatBusinessHours(slaHours(ticket, kind), 'nl')}, is 80 % verbruikt. Het ticket ${deadline}.`,
    ),
  ];
  if (ticket.assignee) {
    blocks.push({ kind: 'heading', text: 'Wat te doen' }, { kind: 'list', items: technicianActions(ticket, kind, apiUrl) });
  } else {
    blocks.push(
      { kind: 'heading', text: 'Wat te doen' },
      {
        kind: 'list',
        items: [noTechnicianAction(ticket, apiUrl), `Lukt dat niet op tijd, neem dan contact op met de klant over de planning.`],
      },
    );
  }
  blocks.push(
    { kind: 'heading', text: 'Ticket' },
    { kind: 'facts', facts: slaTicketFacts(ticket, onboarding, kind) },
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, apiUrl) },
  );
  return composeEmail('nl', subject, blocks);
}

export const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
