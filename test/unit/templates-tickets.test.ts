import { describe, expect, it } from 'vitest';
import type { Onboarding } from '../../functions/domain/onboarding';
import type { Technician } from '../../functions/domain/technician';
import type { Ticket } from '../../functions/domain/ticket';
import { assignmentEscalationNotice } from '../../functions/templates/email/assignment-escalation';
import { ticketAssignedNotice } from '../../functions/templates/email/ticket-assigned';
import { sampleOnboarding } from './templates-fixtures';

const API = 'https://api.breakfix.example';
const TICKET_ID = 'tkt-01JDW3Y8Q7ZK4M2N6P8R0T2V4X-01';
const HOSTILE_TITLE = '<script>alert(1)</script> & Co';
const HOSTILE_TITLE_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co';

const terms = { responseHours: 4, resolutionHours: 16 };

/** An assigned ticket as the workflow stores it (fields per functions/domain/ticket.ts). */
function sampleTicket(overrides: Partial<Ticket> = {}): Ticket {
  return {
    ticketId: TICKET_ID,
    ticketVersion: 2,
    onboardingId: 'onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X',
    incidentId: 'inc-01',
    onboardingVersion: 9,
    round: 1,
    title: 'Kassasysteem valt uit',
    priority: 'high',
    requiredSkills: ['Kassasystemen', 'Netwerk'],
    estimatedHours: 2.5,
    slaTerms: { critical: terms, high: terms, normal: terms, low: terms },
    status: 'ASSIGNED',
    heldBusinessMs: 0,
    createdAt: '2026-12-01T09:00:00.000Z',
    responseDueAt: '2026-12-01T13:00:00.000Z',
    resolveDueAt: '2026-12-03T15:30:00.000Z',
    responseWarnAt: '2026-12-01T12:12:00.000Z',
    resolveWarnAt: '2026-12-03T08:42:00.000Z',
    assignee: { technicianId: 'tech-01JDW4A0000000000000000001', name: 'Kees Jansen', email: 'kees@breakfix.example' },
    assignedAt: '2026-12-01T09:00:05.000Z',
    workLog: [],
    minutesLogged: 0,
    nextSlaCheckAt: '2026-12-01T12:12:00.000Z',
    ...overrides,
  };
}

const technician: Technician = {
  technicianId: 'tech-01JDW4A0000000000000000001',
  name: 'Kees Jansen',
  email: 'kees@breakfix.example',
  skills: ['kassasystemen', 'netwerk'],
  capacity: 3,
  active: true,
  load: 1,
  lastAssignedAt: '2026-12-01T09:00:05.000Z',
  createdAt: '2026-11-01T08:00:00.000Z',
  updatedAt: '2026-12-01T09:00:05.000Z',
};

function withPhone(onboarding: Onboarding, phone: string): Onboarding {
  return { ...onboarding, contacts: onboarding.contacts.map((contact) => (contact.role === 'primary' ? { ...contact, phone } : contact)) };
}

describe('ticket assigned (to the technician, Dutch)', () => {
  const onboarding = withPhone(sampleOnboarding({ locale: 'en' }), '+31 20 123 4567');

  it('names the ticket, its due times in Amsterdam time, the client and what to do', () => {
    const email = ticketAssignedNotice({ ticket: sampleTicket(), onboarding, technician, apiUrl: API });
    expect(email.subject).toBe(`Nieuw ticket voor u: Kassasysteem valt uit – Bakkerij De Korenschoof B.V. (${TICKET_ID})`);
    for (const text of [
      'Beste Kees Jansen,',
      `Ticketnummer: ${TICKET_ID}`,
      'Titel: Kassasysteem valt uit',
      'Prioriteit: Hoog',
      'Vereiste vaardigheden: Kassasystemen, Netwerk',
      'Geschatte tijd: 2,5 uur',
      'Reageren (bevestigen) uiterlijk: 1 december 2026 om 14:00',
      'Oplossen uiterlijk: 3 december 2026 om 16:30',
      'werkuren',
      'Klant: Bakkerij De Korenschoof B.V.',
      'Contactpersoon: Sanne de Vries',
      'E-mail: sanne@korenschoof.example',
      `POST ${API}/tickets/${TICKET_ID}/acknowledge`,
      `POST ${API}/tickets/${TICKET_ID}/work-log`,
      `POST ${API}/tickets/${TICKET_ID}/resolve`,
      `GET ${API}/tickets?assignee=me`,
    ]) {
      expect(email.text).toContain(text);
    }
    expect(email.html).toContain('<html lang="nl">');
    expect(email.html).toContain('1 december 2026 om 14:00');
  });

  it('shows the contact phone when there is one and leaves the row out when not', () => {
    const withNumber = ticketAssignedNotice({ ticket: sampleTicket(), onboarding, technician, apiUrl: API });
    expect(withNumber.text).toContain('Telefoon: +31 20 123 4567');
    expect(withNumber.html).toContain('+31 20 123 4567');
    const without = ticketAssignedNotice({ ticket: sampleTicket(), onboarding: sampleOnboarding(), technician, apiUrl: API });
    expect(without.text).not.toContain('Telefoon');
    expect(without.html).not.toContain('Telefoon');
  });

  it('escapes a hostile title, company and names in HTML and keeps the subject on one line', () => {
    const email = ticketAssignedNotice({
      ticket: sampleTicket({ title: HOSTILE_TITLE }),
      onboarding: sampleOnboarding({ companyName: `Acme ${HOSTILE_TITLE}`, contactName: `Jan ${HOSTILE_TITLE}` }),
      technician: { ...technician, name: `Kees ${HOSTILE_TITLE}` },
      apiUrl: API,
    });
    expect(email.html).toContain(HOSTILE_TITLE_ESCAPED);
    expect(email.html).not.toContain(HOSTILE_TITLE);
    expect(email.html).not.toMatch(/<script/i);
    expect(email.text).toContain(`Titel: ${HOSTILE_TITLE}`);
    expect(email.text).toContain(`Contactpersoon: Jan ${HOSTILE_TITLE}`);
    expect(email.subject).toContain(HOSTILE_TITLE);
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it('never lets a line break into the subject', () => {
    const email = ticketAssignedNotice({ ticket: sampleTicket({ title: 'Printer\r\nBcc: x@evil.example' }), onboarding, technician, apiUrl: API });
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject).toContain('Printer Bcc: x@evil.example');
  });
});

describe('assignment escalation (to the account manager, Dutch)', () => {
  const onboarding = sampleOnboarding();
  const excluded = [
    { technicianId: 'tech-01JDW4A0000000000000000001', why: 'missing-skills' as const },
    { technicianId: 'tech-01JDW4A0000000000000000002', why: 'missing-skills' as const },
    { technicianId: 'tech-01JDW4A0000000000000000003', why: 'at-capacity' as const },
    { technicianId: 'tech-01JDW4A0000000000000000004', why: 'inactive' as const },
  ];
  const waiting = sampleTicket({ status: 'OPEN', assignee: undefined, assignedAt: undefined, waitingForTechnicianSince: '2026-12-01T09:00:00.000Z' });

  it('says since when the ticket waits, why each technician was excluded, and what helps', () => {
    const email = assignmentEscalationNotice({ ticket: waiting, onboarding, waitingSince: '2026-12-01T09:00:00.000Z', excluded, apiUrl: API });
    expect(email.subject).toBe(`Geen technicus beschikbaar: Kassasysteem valt uit – Bakkerij De Korenschoof B.V. (${TICKET_ID})`);
    for (const text of [
      'sinds 1 december 2026 om 10:00',
      'Vereiste vaardigheden: Kassasystemen, Netwerk',
      'Mist vaardigheden: 2 technici (tech-01JDW4A0000000000000000001, tech-01JDW4A0000000000000000002)',
      'Vol: 1 technicus (tech-01JDW4A0000000000000000003)',
      'Inactief: 1 technicus (tech-01JDW4A0000000000000000004)',
      `POST ${API}/technicians`,
      `PATCH ${API}/technicians/{id}`,
      `PATCH ${API}/tickets/${TICKET_ID}`,
      'automatisch toegewezen',
      'Reageren uiterlijk: 1 december 2026 om 14:00',
      'Referentie: onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X',
    ]) {
      expect(email.text).toContain(text);
    }
    expect(email.html).toContain('<html lang="nl">');
  });

  it('leaves out reasons nobody has, and says so when no technician is known at all', () => {
    const onlySkills = assignmentEscalationNotice({ ticket: waiting, onboarding, waitingSince: '2026-12-01T09:00:00.000Z', excluded: excluded.slice(0, 1), apiUrl: API });
    expect(onlySkills.text).toContain('Mist vaardigheden: 1 technicus');
    expect(onlySkills.text).not.toContain('Vol:');
    expect(onlySkills.text).not.toContain('Inactief:');
    const nobody = assignmentEscalationNotice({ ticket: waiting, onboarding, waitingSince: '2026-12-01T09:00:00.000Z', excluded: [], apiUrl: API });
    expect(nobody.text).toContain('Er zijn nog geen technici bekend.');
  });

  it('escapes a hostile title and company in HTML and keeps the subject on one line', () => {
    const email = assignmentEscalationNotice({
      ticket: sampleTicket({ title: HOSTILE_TITLE, requiredSkills: [HOSTILE_TITLE] }),
      onboarding: sampleOnboarding({ companyName: `Acme ${HOSTILE_TITLE}` }),
      waitingSince: '2026-12-01T09:00:00.000Z',
      excluded,
      apiUrl: API,
    });
    expect(email.html).toContain(HOSTILE_TITLE_ESCAPED);
    expect(email.html).not.toContain(HOSTILE_TITLE);
    expect(email.html).not.toMatch(/<script/i);
    expect(email.text).toContain(HOSTILE_TITLE);
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});
