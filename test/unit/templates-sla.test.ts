import { describe, expect, it } from 'vitest';
import { businessCalendar } from '../../functions/domain/business-hours';
import type { Onboarding } from '../../functions/domain/onboarding';
import { newTicket, type Ticket } from '../../functions/domain/ticket';
import type { RenderedEmail } from '../../functions/templates/email/layout';
import { slaBreachNotice } from '../../functions/templates/email/sla-breach';
import { slaWarningNotice } from '../../functions/templates/email/sla-warning';
import { HOSTILE, HOSTILE_ESCAPED, sampleOnboarding } from './templates-fixtures';

const SLA_TERMS = {
  critical: { responseHours: 4, resolutionHours: 8 },
  high: { responseHours: 8, resolutionHours: 16 },
  normal: { responseHours: 16, resolutionHours: 40 },
  low: { responseHours: 40, resolutionHours: 80 },
};
const API = 'https://api.breakfix.example';
const TECHNICIAN = { technicianId: 'tech-01JDW3Y8Q7ZK4M2N6P8R0T2V4Y', name: 'Jan Jansen', email: 'jan@breakfix.example' };

/** Created Tuesday 1 December 2026 at 10:00 in Amsterdam, priority high: response 8, resolution 16 business hours. */
function sampleTicket(overrides: Partial<Ticket> = {}): Ticket {
  const ticket = newTicket(
    {
      onboardingId: 'onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X',
      incidentId: 'inc-01',
      onboardingVersion: 8,
      round: 1,
      title: 'Kassasysteem valt uit',
      priority: 'high',
      requiredSkills: ['hardware', 'kassa'],
      estimatedHours: 2.5,
      createdAt: '2026-12-01T09:00:00.000Z',
      slaTerms: SLA_TERMS,
    },
    businessCalendar(),
  );
  return { ...ticket, ...overrides };
}

const assigned = (overrides: Partial<Ticket> = {}) => sampleTicket({ status: 'ASSIGNED', assignee: TECHNICIAN, assignedAt: '2026-12-01T09:01:00.000Z', ...overrides });
const onboarding = (overrides: Parameters<typeof sampleOnboarding>[0] = {}): Onboarding => ({ ...sampleOnboarding(overrides), status: 'IMPLEMENTING' });

describe('the due times the e-mails show', () => {
  it('are the business-hours due times of the sample ticket', () => {
    expect(sampleTicket()).toMatchObject({
      // Tuesday 10:00 + 8 business hours = Wednesday 09:00; + 16 = Wednesday 17:00 (Amsterdam, CET).
      responseDueAt: '2026-12-02T08:00:00.000Z',
      resolveDueAt: '2026-12-02T16:00:00.000Z',
    });
  });
});

describe('SLA warning (80 % used)', () => {
  it('to the technician, about the response: acknowledge, or hold while waiting on the client', () => {
    const ticket = assigned();
    const email = slaWarningNotice({ ticket, onboarding: onboarding(), kind: 'response', apiUrl: API });
    expect(email.subject).toBe(`Reactietermijn bijna verstreken: Kassasysteem valt uit – Bakkerij De Korenschoof B.V. (${ticket.ticketId})`);
    for (const text of [
      `Van de reactietermijn van ticket ${ticket.ticketId} (“Kassasysteem valt uit”) voor Bakkerij De Korenschoof B.V., 8 werkuren, is 80 % verbruikt.`,
      'moet uiterlijk 2 december 2026 om 09:00 bevestigd zijn',
      `Ticket: ${ticket.ticketId}`,
      'Titel: Kassasysteem valt uit',
      'Klant: Bakkerij De Korenschoof B.V.',
      'Prioriteit: Hoog',
      'Reactie uiterlijk: 2 december 2026 om 09:00',
      'Toegewezen aan: Jan Jansen <jan@breakfix.example>',
      'Status: Toegewezen, nog niet bevestigd',
      'Vaardigheden: hardware, kassa',
      `POST ${API}/tickets/${ticket.ticketId}/acknowledge`,
      `POST ${API}/tickets/${ticket.ticketId}/hold`,
      'Accountmanager: am@breakfix.example',
      `Details: GET ${API}/onboardings/onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X`,
    ]) {
      expect(email.text).toContain(text);
    }
    expect(email.text).not.toContain('/resolve');
    expect(email.html).toContain('<html lang="nl">');
    expect(email.html).toContain('Jan Jansen &lt;jan@breakfix.example&gt;');
  });

  it('about the resolution: resolve, or hold; the resolution due time in Amsterdam time', () => {
    const ticket = assigned({ status: 'ACKNOWLEDGED', acknowledgedAt: '2026-12-01T09:30:00.000Z' });
    const email = slaWarningNotice({ ticket, onboarding: onboarding(), kind: 'resolve', apiUrl: API });
    expect(email.subject).toBe(`Oplostermijn bijna verstreken: Kassasysteem valt uit – Bakkerij De Korenschoof B.V. (${ticket.ticketId})`);
    for (const text of ['16 werkuren, is 80 % verbruikt', 'moet uiterlijk 2 december 2026 om 17:00 opgelost zijn', 'Oplossing uiterlijk: 2 december 2026 om 17:00', `POST ${API}/tickets/${ticket.ticketId}/resolve`, `POST ${API}/tickets/${ticket.ticketId}/hold`]) {
      expect(email.text).toContain(text);
    }
    expect(email.text).not.toContain('/acknowledge');
  });

  it('summer time: the due time reads in CEST', () => {
    const ticket = { ...assigned(), resolveDueAt: '2026-07-01T13:30:00.000Z' };
    expect(slaWarningNotice({ ticket, onboarding: onboarding(), kind: 'resolve', apiUrl: API }).text).toContain('Oplossing uiterlijk: 1 juli 2026 om 15:30');
  });

  it('to the account manager while nobody has the ticket: find a technician, or talk to the client', () => {
    const email = slaWarningNotice({ ticket: sampleTicket(), onboarding: onboarding(), kind: 'response', apiUrl: API });
    for (const text of ['Toegewezen aan: Nog niemand', 'Status: Open, nog niet toegewezen', 'nog geen technicus', 'vaardigheden hardware, kassa', `POST ${API}/technicians`, 'contact op met de klant']) {
      expect(email.text).toContain(text);
    }
    expect(email.text).not.toContain('/acknowledge');
  });
});

describe('SLA breach', () => {
  it('to the account manager and the technician: what each of them does', () => {
    const ticket = assigned();
    const email = slaBreachNotice({ ticket, onboarding: onboarding(), kind: 'response', apiUrl: API });
    expect(email.subject).toBe(`Reactietermijn overschreden: Kassasysteem valt uit – Bakkerij De Korenschoof B.V. (${ticket.ticketId})`);
    for (const text of [
      'is verstreken op 2 december 2026 om 09:00, en het ticket is nog niet bevestigd',
      'Wat te doen voor Jan Jansen (technicus):',
      `POST ${API}/tickets/${ticket.ticketId}/acknowledge`,
      'Wat te doen voor de accountmanager:',
      'Neem contact op met Jan Jansen (jan@breakfix.example)',
      'Laat Sanne de Vries (sanne@korenschoof.example) van Bakkerij De Korenschoof B.V. weten waar het ticket staat.',
      'Reactie uiterlijk: 2 december 2026 om 09:00',
      'Prioriteit: Hoog',
      'Contactpersoon: Sanne de Vries <sanne@korenschoof.example>',
    ]) {
      expect(email.text).toContain(text);
    }
  });

  it('of the resolution time', () => {
    const ticket = assigned({ status: 'ACKNOWLEDGED', acknowledgedAt: '2026-12-01T09:30:00.000Z' });
    const email = slaBreachNotice({ ticket, onboarding: onboarding(), kind: 'resolve', apiUrl: API });
    expect(email.subject).toBe(`Oplostermijn overschreden: Kassasysteem valt uit – Bakkerij De Korenschoof B.V. (${ticket.ticketId})`);
    for (const text of ['is verstreken op 2 december 2026 om 17:00, en het ticket is nog niet opgelost', `POST ${API}/tickets/${ticket.ticketId}/resolve`, 'Oplossing uiterlijk: 2 december 2026 om 17:00', 'Status: Bevestigd door de technicus']) {
      expect(email.text).toContain(text);
    }
  });

  it('unassigned: the account manager finds a technician and tells the client', () => {
    const email = slaBreachNotice({ ticket: sampleTicket(), onboarding: onboarding(), kind: 'resolve', apiUrl: API });
    for (const text of ['Toegewezen aan: Nog niemand', 'nog geen technicus', `POST ${API}/technicians`, 'Neem contact op met Sanne de Vries (sanne@korenschoof.example)']) {
      expect(email.text).toContain(text);
    }
    expect(email.text).not.toContain('(technicus):');
  });
});

describe('every SLA e-mail', () => {
  function hostileEmails(): Array<[string, RenderedEmail]> {
    const ticket = assigned({ title: `Kassa ${HOSTILE}`, assignee: { ...TECHNICIAN, name: `Jan ${HOSTILE}` }, requiredSkills: [`kassa ${HOSTILE}`] });
    const unassigned = sampleTicket({ title: `Kassa ${HOSTILE}`, requiredSkills: [`kassa ${HOSTILE}`] });
    const hostileOnboarding = onboarding({ companyName: `Acme ${HOSTILE}`, contactName: `Piet ${HOSTILE}` });
    return (['response', 'resolve'] as const).flatMap((kind) => [
      [`warning (${kind})`, slaWarningNotice({ ticket, onboarding: hostileOnboarding, kind, apiUrl: API })],
      [`warning, unassigned (${kind})`, slaWarningNotice({ ticket: unassigned, onboarding: hostileOnboarding, kind, apiUrl: API })],
      [`breach (${kind})`, slaBreachNotice({ ticket, onboarding: hostileOnboarding, kind, apiUrl: API })],
      [`breach, unassigned (${kind})`, slaBreachNotice({ ticket: unassigned, onboarding: hostileOnboarding, kind, apiUrl: API })],
    ]);
  }

  it.each(hostileEmails())('%s escapes user text in HTML and keeps it as typed in the text version', (_name, email) => {
    expect(email.html).toContain(HOSTILE_ESCAPED);
    expect(email.html).not.toContain(HOSTILE);
    expect(email.html).not.toMatch(/<script/i);
    expect(email.text).toContain(HOSTILE);
    expect(email.text).not.toMatch(/<(p|br|table|a|strong|ul|li)\b/);
    expect(email.subject).toContain(`Kassa ${HOSTILE}`);
    expect(email.subject).not.toMatch(/[\r\n]/);
  });

  it('keeps the subject on one line whatever the stored title holds', () => {
    const ticket = assigned({ title: 'Kassa\r\nBcc: someone@example.com' });
    for (const email of [slaWarningNotice({ ticket, onboarding: onboarding(), kind: 'response', apiUrl: API }), slaBreachNotice({ ticket, onboarding: onboarding(), kind: 'resolve', apiUrl: API })]) {
      expect(email.subject).not.toMatch(/[\r\n]/);
      expect(email.subject).toContain('Kassa Bcc: someone@example.com');
    }
  });
});
