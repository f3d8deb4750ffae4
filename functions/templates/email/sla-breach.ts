import { primaryContact } from '../../domain/onboarding';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { onboardingFacts } from './agreement-email-parts';
import { formatDateTime, type RenderedEmail } from './layout';
import { capitalised, noTechnicianAction, oneLine, SLA_TERM_NL, slaDueAt, slaTicketFacts, technicianActions, type SlaNoticeInput } from './sla-warning';

/**
 * To the account manager and the ticket's technician (Dutch; the account manager alone while
 * nobody has the ticket): the response or resolution due time has passed.
 */
export function slaBreachNotice(input: SlaNoticeInput): RenderedEmail {
  const { ticket, onboarding, kind, apiUrl } = input;
  const company = onboarding.client.companyName;
  const term = SLA_TERM_NL[kind];
  const due = formatDateTime(slaDueAt(ticket, kind), 'nl');
  const subject = oneLine(`${capitalised(term)} overschreden: ${ticket.title} – ${company} (${ticket.ticketId})`);
  const state = kind === 'response' ? 'het ticket is nog niet bevestigd' : 'het ticket is nog niet opgelost';
  const contact = primaryContact(onboarding);
  const blocks: Block[] = [
    paragraph(`De ${term} van ticket ${ticket.ticketId} (“${ticket.title}”) voor ${company} is verstreken op ${due}, en ${state}. De overschrijding is op het ticket vastgelegd.`),
  ];
  if (ticket.assignee) {
    const { name, email } = ticket.assignee;
    blocks.push(
      { kind: 'heading', text: `Wat te doen voor ${name} (technicus)` },
      { kind: 'list', items: technicianActions(ticket, kind, apiUrl) },
      { kind: 'heading', text: 'Wat te doen voor de accountmanager' },
      {
        kind: 'list',
        items: [
          `Neem contact op met ${name} (${email}) over wat het ticket ophoudt en wanneer het ${kind === 'response' ? 'wordt opgepakt' : 'is opgelost'}.`,
          `Laat ${contact.name} (${contact.email}) van ${company} weten waar het ticket staat.`,
        ],
      },
    );
  } else {
    blocks.push({ kind: 'heading', text: 'Wat te doen' }, {
      kind: 'list',
      items: [
        noTechnicianAction(ticket, apiUrl),
        `Neem contact op met ${contact.name} (${contact.email}) van ${company} over de planning.`,
      ],
    });
  }
  blocks.push(
    { kind: 'heading', text: 'Ticket' },
    { kind: 'facts', facts: slaTicketFacts(ticket, onboarding, kind) },
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, apiUrl) },
  );
  return composeEmail('nl', subject, blocks);
}
