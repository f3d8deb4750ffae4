import type { Exclusion } from '../../domain/assignment';
import type { Onboarding } from '../../domain/onboarding';
import type { Ticket } from '../../domain/ticket';
import { formatHours, PRIORITY_LABELS } from '../format';
import { composeEmail, paragraph, type Block, type Facts } from './agreement-email-blocks';
import { onboardingFacts } from './agreement-email-parts';
import { apiCall } from './api-call';
import { formatDateTime, type RenderedEmail } from './layout';

/** A subject is one header line: whatever a value holds, line breaks and other control characters become a space. */
const oneLine = (value: string): string => value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ');

/** The reasons in the order an account manager acts on them, with their Dutch label. */
const EXCLUSION_LABELS: ReadonlyArray<readonly [Exclusion, string]> = [
  ['missing-skills', 'Mist vaardigheden'],
  ['at-capacity', 'Vol'],
  ['inactive', 'Inactief'],
];

const technicians = (count: number) => (count === 1 ? '1 technicus' : `${count} technici`);

/** To the account manager (Dutch): no technician fits this ticket; why not, and what makes one fit. */
export function assignmentEscalationNotice(input: {
  ticket: Ticket;
  onboarding: Onboarding;
  waitingSince: string;
  excluded: Array<{ technicianId: string; why: Exclusion }>;
  /** The API's base URL (no trailing slash), for the staff calls the e-mail names. */
  apiUrl: string;
}): RenderedEmail {
  const { ticket, onboarding, waitingSince, excluded, apiUrl } = input;
  const company = onboarding.client.companyName;
  const id = ticket.ticketId;
  const subject = oneLine(`Geen technicus beschikbaar: ${ticket.title} – ${company} (${id})`);

  const exclusionFacts: Facts = EXCLUSION_LABELS.flatMap(([why, label]) => {
    const ids = excluded.filter((entry) => entry.why === why).map((entry) => entry.technicianId);
    return ids.length === 0 ? [] : [[label, `${technicians(ids.length)} (${ids.join(', ')})`] as const];
  });
  const ticketFacts: Facts = [
    ['Ticketnummer', id],
    ['Titel', ticket.title],
    ['Prioriteit', PRIORITY_LABELS.nl[ticket.priority]],
    ['Vereiste vaardigheden', ticket.requiredSkills.join(', ')],
    ['Geschatte tijd', formatHours(ticket.estimatedHours, 'nl')],
    ['Wacht sinds', formatDateTime(waitingSince, 'nl')],
    ['Reageren uiterlijk', formatDateTime(ticket.responseDueAt, 'nl')],
    ['Oplossen uiterlijk', formatDateTime(ticket.resolveDueAt, 'nl')],
  ];

  const blocks: Block[] = [
    paragraph(
      `Geen enkele technicus kan het ticket ${ticket.title} voor ${company} op dit moment aannemen. Het ticket wacht sinds ${formatDateTime(waitingSince, 'nl')} op een technicus; de termijnen (in werkuren) lopen intussen door.`,
    ),
    paragraph(`Vereiste vaardigheden: ${ticket.requiredSkills.join(', ')}`),
    { kind: 'heading', text: 'Waarom niemand past' },
    excluded.length === 0
      ? paragraph('Er zijn nog geen technici bekend.')
      : { kind: 'facts', facts: exclusionFacts },
    { kind: 'heading', text: 'Wat helpt' },
    {
      kind: 'list',
      items: [
        `Voeg een technicus toe die deze vaardigheden heeft: ${apiCall(apiUrl, 'POST', '/technicians')}`,
        `Verhoog de capaciteit van een technicus of activeer iemand opnieuw: ${apiCall(apiUrl, 'PATCH', '/technicians/{id}')} (capacity, active)`,
        `Pas de vereiste vaardigheden van het ticket aan: ${apiCall(apiUrl, 'PATCH', `/tickets/${id}`)} (requiredSkills)`,
      ],
    },
    paragraph('Zodra een technicus past, wordt het ticket automatisch toegewezen; verder hoeft u niets te doen.'),
    { kind: 'heading', text: 'Ticket' },
    { kind: 'facts', facts: ticketFacts },
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, apiUrl) },
  ];
  return composeEmail('nl', subject, blocks);
}
