import type { Onboarding } from '../../domain/onboarding';
import { primaryContact } from '../../domain/onboarding';
import type { Technician } from '../../domain/technician';
import type { Ticket } from '../../domain/ticket';
import { formatHours, PRIORITY_LABELS } from '../format';
import { composeEmail, paragraph, type Block, type Facts } from './agreement-email-blocks';
import { apiCall } from './api-call';
import { formatDateTime, type RenderedEmail } from './layout';

/** A subject is one header line: whatever a value holds, line breaks and other control characters become a space. */
const oneLine = (value: string): string => value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');

/**
 * To the technician (staff, Dutch): a ticket is assigned to you; what it is, by when, whom to call,
 * what to do (the API calls in full, from `apiUrl`, the API's base URL).
 */
export function ticketAssignedNotice(input: { ticket: Ticket; onboarding: Onboarding; technician: Technician; apiUrl: string }): RenderedEmail {
  const { ticket, onboarding, technician, apiUrl } = input;
  const call = (method: 'GET' | 'POST', path: string) => apiCall(apiUrl, method, path);
  const company = onboarding.client.companyName;
  const id = ticket.ticketId;
  const subject = oneLine(`Nieuw ticket voor u: ${ticket.title} – ${company} (${id})`);
  const contact = primaryContact(onboarding);

  const ticketFacts: Facts = [
    ['Ticketnummer', id],
    ['Titel', ticket.title],
    ['Prioriteit', PRIORITY_LABELS.nl[ticket.priority]],
    ['Vereiste vaardigheden', ticket.requiredSkills.join(', ')],
    ['Geschatte tijd', formatHours(ticket.estimatedHours, 'nl')],
  ];
  const dueFacts: Facts = [
    ['Reageren (bevestigen) uiterlijk', formatDateTime(ticket.responseDueAt, 'nl')],
    ['Oplossen uiterlijk', formatDateTime(ticket.resolveDueAt, 'nl')],
  ];
  const clientFacts: Facts = [
    ['Klant', company],
    ['Contactpersoon', contact.name],
    ['E-mail', contact.email],
    ...(contact.phone ? ([['Telefoon', contact.phone]] as const) : []),
  ];

  const blocks: Block[] = [
    paragraph(`Beste ${technician.name},`),
    paragraph(`Er is een nieuw ticket aan u toegewezen van ${company}: ${ticket.title}`),
    { kind: 'heading', text: 'Ticket' },
    { kind: 'facts', facts: ticketFacts },
    { kind: 'heading', text: 'Termijnen' },
    { kind: 'facts', facts: dueFacts },
    paragraph(
      'Deze termijnen lopen in werkuren (maandag tot en met vrijdag 08:30–17:30, Nederlandse tijd, zonder feestdagen). Zet u het ticket on hold, dan schuiven ze op met de tijd dat het stilstaat.',
    ),
    { kind: 'heading', text: 'Klant' },
    { kind: 'facts', facts: clientFacts },
    { kind: 'heading', text: 'Wat u doet' },
    {
      kind: 'list',
      items: [
        `Bevestig dat u het ticket oppakt: ${call('POST', `/tickets/${id}/acknowledge`)}`,
        `Registreer uw werk (minuten en een notitie): ${call('POST', `/tickets/${id}/work-log`)}`,
        `Meld het ticket opgelost met een samenvatting: ${call('POST', `/tickets/${id}/resolve`)}`,
        `Wacht u op de klant of een levering? Zet het ticket on hold: ${call('POST', `/tickets/${id}/hold`)}, en daarna weer verder: ${call('POST', `/tickets/${id}/resume`)}`,
        `Uw tickets: ${call('GET', '/tickets?assignee=me')}`,
      ],
    },
  ];
  return composeEmail('nl', subject, blocks);
}
