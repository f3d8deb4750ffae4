import { describe, expect, it } from 'vitest';
import { agreementApprovedConfirmation, agreementApprovedNotice } from '../../functions/templates/email/agreement-approved';
import { agreementChangesConfirmation } from '../../functions/templates/email/agreement-changes-confirmation';
import { agreementChangesRequestedNotice } from '../../functions/templates/email/agreement-changes-requested';
import { agreementDeclineConfirmation } from '../../functions/templates/email/agreement-decline-confirmation';
import { agreementDeclinedNotice } from '../../functions/templates/email/agreement-declined';
import { agreementExpiredClientNote, agreementExpiredNotice } from '../../functions/templates/email/agreement-expired';
import { agreementOffer } from '../../functions/templates/email/agreement-offer';
import { agreementReleaseEscalation } from '../../functions/templates/email/agreement-release-escalation';
import { agreementReleaseReminder } from '../../functions/templates/email/agreement-release-reminder';
import { agreementReleaseRequest } from '../../functions/templates/email/agreement-release-request';
import { agreementReminder } from '../../functions/templates/email/agreement-reminder';
import { analysisEscalation } from '../../functions/templates/email/analysis-escalation';
import { analysisReminder } from '../../functions/templates/email/analysis-reminder';
import { analystNotification } from '../../functions/templates/email/analyst-notification';
import type { RenderedEmail } from '../../functions/templates/email/layout';
import { HOSTILE, HOSTILE_ESCAPED, PROVIDER, ROOT_CAUSE, sampleAgreement, sampleOnboarding } from './templates-fixtures';

const URL = 'https://breakfix.example/agreements/q2Xv9k?a=1&b=2';
const AT = '2026-11-13T10:15:00.000Z';
/** The API's base URL as PUBLIC_BASE_URL gives it: no trailing slash. */
const API = 'https://api.breakfix.example';
const ONB = 'onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X';
const NBSP = '\u00a0';

function hostile(locale: 'nl' | 'en') {
  const companyName = `Acme ${HOSTILE}`;
  const onboarding = sampleOnboarding({ companyName, locale, contactName: `Jan ${HOSTILE}` });
  return {
    onboarding: { ...onboarding, agreement: { version: 1, createdAt: AT, validUntil: '2026-11-26', totals: sampleAgreement().totals, documentHash: 'x', hold: { reasons: ['above-review-threshold' as const], heldAt: AT } } },
    agreement: sampleAgreement({ companyName, locale, title: `Kassa ${HOSTILE}`, rootCause: `Oorzaak ${HOSTILE}`, solution: `Stap 1 ${HOSTILE}\nStap 2` }),
    decision: { name: `Piet ${HOSTILE}`, at: AT, ip: '203.0.113.7', userAgent: `Mozilla ${HOSTILE}` },
  };
}

/** Every e-mail, built with hostile client values in company, names, comment and reason. */
function allEmails(locale: 'nl' | 'en'): Array<[string, RenderedEmail]> {
  const { onboarding, agreement, decision } = hostile(locale);
  return [
    ['offer', agreementOffer({ onboarding, agreement, url: URL })],
    ['reminder', agreementReminder({ onboarding, agreement, url: URL, reminder: 1, maxReminders: 3 })],
    ['approved confirmation', agreementApprovedConfirmation({ onboarding, agreement, decision })],
    ['decline confirmation', agreementDeclineConfirmation({ onboarding, agreement, decision: { ...decision, comment: `Te duur ${HOSTILE}` } })],
    ['changes confirmation', agreementChangesConfirmation({ onboarding, agreement, decision: { ...decision, comment: `Minder uren ${HOSTILE}` } })],
    ['approved notice', agreementApprovedNotice({ onboarding, agreement, decision, apiUrl: API })],
    ['declined notice', agreementDeclinedNotice({ onboarding, agreement, decision: { ...decision, reason: `Te duur ${HOSTILE}` }, apiUrl: API })],
    [
      'changes requested notice',
      agreementChangesRequestedNotice({ onboarding, agreement, decision: { ...decision, comment: `Minder uren ${HOSTILE}` }, revision: 1, maxRevisions: 3, apiUrl: API }),
    ],
    ['expired notice', agreementExpiredNotice({ onboarding, agreement, remindersSent: 3, apiUrl: API })],
    ['expired client note', agreementExpiredClientNote({ onboarding, agreement })],
    ['analysis reminder', analysisReminder({ onboarding, reminder: 2, maxReminders: 3, apiUrl: API })],
    ['analysis escalation', analysisEscalation({ onboarding, remindersSent: 3, apiUrl: API })],
    ['analyst notification', analystNotification({ onboarding, apiUrl: API })],
    ['release request', agreementReleaseRequest({ onboarding, agreement, reasons: ['above-review-threshold', 'beyond-analysis-limits'], apiUrl: API })],
    ['release reminder', agreementReleaseReminder({ onboarding, agreement, reminder: 1, maxReminders: 2, apiUrl: API })],
    ['release escalation', agreementReleaseEscalation({ onboarding, agreement, heldSince: AT, remindersSent: 2, apiUrl: API })],
  ];
}

describe.each(['nl', 'en'] as const)('every e-mail (%s client)', (locale) => {
  it.each(allEmails(locale))('%s escapes hostile values in HTML and keeps a plain-text version', (_name, email) => {
    expect(email.html).toContain(HOSTILE_ESCAPED);
    expect(email.html).not.toContain(HOSTILE);
    expect(email.html).not.toMatch(/<script/i);
    expect(email.text).toContain(HOSTILE);
    expect(email.text).not.toMatch(/<(p|br|table|a|strong)\b/);
    expect(email.subject).not.toMatch(/[\r\n]/);
    expect(email.subject.length).toBeGreaterThan(10);
  });
});

/** The text of one line block ("label: value") in the text part, or undefined. */
const textLine = (email: RenderedEmail, label: string) => email.text.split('\n').find((line) => line.startsWith(`${label}: `));

describe('offer e-mail: the agreement in full', () => {
  const onboarding = sampleOnboarding();
  const agreement = sampleAgreement();
  const email = agreementOffer({ onboarding, agreement, url: URL });

  it('keeps the summary, link and what each choice does, in Dutch, with no-break spaces in amounts', () => {
    expect(email.subject).toBe('Uw serviceovereenkomst staat klaar – Bakkerij De Korenschoof B.V.');
    for (const text of [
      'Beste Sanne de Vries,',
      '2 problemen',
      `Totaal excl. btw: €${NBSP}770,63`,
      `Totaal incl. btw: €${NBSP}932,46`,
      'Geldig tot en met: 26 november 2026',
      URL,
      'Goedkeuren:',
      'Wijzigingen aanvragen:',
      'Afwijzen:',
    ]) {
      expect(email.text).toContain(text);
    }
    expect(email.text).not.toContain('€ 770,63');
    expect(email.html).toContain(`€${NBSP}932,46`);
    expect(email.html).toContain('href="https://breakfix.example/agreements/q2Xv9k?a=1&amp;b=2"');
    expect(email.html).toContain('<html lang="nl">');
  });

  it('shows each line: incident, title, findings with their line breaks, action, priority, hours, rate and surcharge, materials, total', () => {
    for (const text of [
      'inc-01 · Kassasysteem valt uit:',
      `Oorzaak:\n${ROOT_CAUSE}`,
      'Oplossing:\nVoeding vervangen.\nDaarna de kassa een dag testen.',
      'Actie: Reparatie',
      'Prioriteit: Hoog',
      'Geschatte tijd: 2,5 uur',
      'Te factureren tijd: 2,5 uur',
      `Uurtarief: €${NBSP}95,00 +25${NBSP}%`,
      `Arbeid: €${NBSP}296,88`,
      `Materialen: €${NBSP}49,50`,
      `Totaal: €${NBSP}346,38`,
      `- 1 × Voeding kassasysteem à €${NBSP}49,50 = €${NBSP}49,50`,
      'inc-02 · Wifi traag in het kantoor:',
      'Actie: Configuratiewijziging',
      `- 2 × Access point à €${NBSP}129,00 = €${NBSP}258,00`,
      `Subtotaal excl. btw: €${NBSP}770,63`,
      `Btw 21%: €${NBSP}161,83`,
      `Totaal incl. btw: €${NBSP}932,46`,
      'Betalingstermijn: 14 dagen na factuurdatum',
    ]) {
      expect(email.text).toContain(text);
    }
    // No surcharge (100 %) shows the bare rate, never "× 100%".
    const lines = email.text.split('\n');
    const wifi = lines.indexOf('inc-02 · Wifi traag in het kantoor:');
    expect(lines.slice(wifi).find((line) => line.startsWith('Uurtarief: '))).toBe(`Uurtarief: €${NBSP}95,00`);
    expect(email.text).not.toMatch(/×\s*1\d\d\s*%/);
    // The second line has no findings (as on an older version): nothing is rendered for them.
    expect(lines.slice(wifi).filter((line) => line === 'Oorzaak:' || line === 'Oplossing:')).toEqual([]);
    expect(email.html).toContain('<strong>Oplossing</strong><br>Voeding vervangen.<br>Daarna de kassa een dag testen.</p>');
  });

  it('names both parties: the client as at intake, the provider with KvK, btw-id, IBAN and the general terms', () => {
    for (const text of [
      'Opdrachtgever:',
      'Bedrijf: Bakkerij De Korenschoof B.V.',
      'KvK-nummer: 12345678',
      'Btw-nummer: NL123456789B01',
      'Contactpersoon: Sanne de Vries <sanne@korenschoof.example>',
      'Opdrachtnemer:',
      `Bedrijf: ${PROVIDER.legalName}`,
      'Adres: Oudegracht 100, 3511 AX Utrecht, Nederland',
      'KvK-nummer: 87654321',
      'Btw-identificatienummer: NL864201357B01',
      'IBAN (voor betaling van facturen): NL91ABNA0417164300',
      'Op deze overeenkomst zijn de algemene voorwaarden van Break & Fix Utrecht B.V. van toepassing.',
      'Algemene voorwaarden: https://breakfix.example/algemene-voorwaarden?v=2&lang=nl',
    ]) {
      expect(email.text).toContain(text);
    }
    expect(email.html).toContain('Break &amp; Fix Utrecht B.V.');
    expect(email.html).toContain('<a href="https://breakfix.example/algemene-voorwaarden?v=2&amp;lang=nl" target="_blank" rel="noopener"');
  });

  it('omits the provider block on a version drafted before the identity was shown', () => {
    const older = agreementOffer({ onboarding, agreement: sampleAgreement({ provider: null }), url: URL });
    expect(older.text).not.toContain('Opdrachtnemer');
    expect(older.text).not.toContain('Algemene voorwaarden');
    expect(older.text).toContain('Opdrachtgever:');
  });

  it('escapes hostile findings and keeps them as typed in the text part', () => {
    const hostileEmail = agreementOffer({ onboarding, agreement: sampleAgreement({ rootCause: HOSTILE, solution: `Eerst ${HOSTILE}\nDan <b>niet vet</b>` }), url: URL });
    expect(hostileEmail.html).toContain(`<strong>Oorzaak</strong><br>${HOSTILE_ESCAPED}</p>`);
    expect(hostileEmail.html).toContain(`Eerst ${HOSTILE_ESCAPED}<br>Dan &lt;b&gt;niet vet&lt;/b&gt;`);
    expect(hostileEmail.html).not.toContain('<script>');
    expect(hostileEmail.html).not.toContain('<b>niet');
    expect(hostileEmail.text).toContain(`Oorzaak:\n${HOSTILE}`);
  });

  it('is English for an English client and marked as a revision once the client asked for changes', () => {
    const asked = { ...sampleOnboarding({ locale: 'en' }), changeRequests: [{ agreementVersion: 1, name: 'Sanne de Vries', comment: 'Less hours', at: '2026-11-12T10:00:00.000Z' }] };
    const english = agreementOffer({ onboarding: asked, agreement: sampleAgreement({ locale: 'en', version: 2 }), url: URL });
    // Version 2 after an internal release or return is no revision to the client.
    expect(agreementOffer({ onboarding: sampleOnboarding({ locale: 'en' }), agreement: sampleAgreement({ locale: 'en', version: 2 }), url: URL }).subject).not.toMatch(/revised/);
    expect(english.subject).toBe('Your revised service agreement (version 2) is ready – Bakkerij De Korenschoof B.V.');
    for (const text of [
      'Dear Sanne de Vries,',
      'Total excl. VAT: €770.63',
      'Total incl. VAT: €932.46',
      '26 November 2026',
      'Approve:',
      'Request changes:',
      'Decline:',
      'Kind regards,',
      'Root cause:',
      'Solution:\nVoeding vervangen.',
      'Action: Repair',
      'Hourly rate: €95.00 +25%',
      '- 2 × Access point at €129.00 = €258.00',
      'Service provider:',
      'VAT identification number: NL864201357B01',
      'General terms and conditions: https://breakfix.example/algemene-voorwaarden?v=2&lang=nl',
      'Client:',
    ]) {
      expect(english.text).toContain(text);
    }
    expect(english.html).toContain('<html lang="en">');
  });
});

describe('client e-mails', () => {
  const onboarding = sampleOnboarding();
  const agreement = sampleAgreement();

  it('reminder: the same link, n of max, and the last one says so', () => {
    const first = agreementReminder({ onboarding, agreement, url: URL, reminder: 1, maxReminders: 3 });
    expect(first.text).toContain('Herinnering 1 van 3');
    expect(first.text).toContain('tot en met 26 november 2026');
    expect(first.text).toContain(URL);
    expect(first.text).not.toContain('laatste herinnering');
    const last = agreementReminder({ onboarding: sampleOnboarding({ locale: 'en' }), agreement: sampleAgreement({ locale: 'en' }), url: URL, reminder: 3, maxReminders: 3 });
    expect(last.text).toContain('Reminder 3 of 3');
    expect(last.text).toContain('This is the last reminder.');
  });

  it('approved confirmation names who approved, when, what was received, and the attached PDF', () => {
    const email = agreementApprovedConfirmation({ onboarding, agreement, decision: { name: 'Sanne de Vries', at: AT } });
    expect(email.subject).toBe('Bevestiging: serviceovereenkomst goedgekeurd – Bakkerij De Korenschoof B.V.');
    expect(email.text).toContain('Sanne de Vries heeft de serviceovereenkomst (versie 1) op 13 november 2026 om 11:15 namens Bakkerij De Korenschoof B.V. goedgekeurd.');
    for (const text of ['Wat wij hebben ontvangen:', 'Beslissing: Goedgekeurd', 'Naam: Sanne de Vries', 'Tijdstip: 13 november 2026 om 11:15', 'Versie: 1', `Documentkenmerk (SHA-256): ${agreement.documentHash}`, 'In de bijlage vindt u de overeenkomst']) {
      expect(email.text).toContain(text);
    }
    expect(email.text).not.toContain('Uw toelichting');
  });

  it('decline confirmation: what was received (decision, name, comment, time, version, hash) and the PDF, in Dutch', () => {
    const email = agreementDeclineConfirmation({ onboarding, agreement, decision: { name: 'Sanne de Vries', at: AT, comment: 'Te duur.\nWe kiezen een ander.' } });
    expect(email.subject).toBe('Bevestiging: serviceovereenkomst afgewezen – Bakkerij De Korenschoof B.V.');
    for (const text of [
      'Beste Sanne de Vries,',
      'Wij hebben uw beslissing ontvangen: Sanne de Vries heeft de serviceovereenkomst (versie 1) op 13 november 2026 om 11:15 namens Bakkerij De Korenschoof B.V. afgewezen.',
      'Beslissing: Afgewezen',
      'Naam: Sanne de Vries',
      'Tijdstip: 13 november 2026 om 11:15',
      'Versie: 1',
      `Documentkenmerk (SHA-256): ${agreement.documentHash}`,
      'Uw toelichting:\n> Te duur.\n> We kiezen een ander.',
      'Wij voeren geen werkzaamheden uit',
      'am@breakfix.example',
      'In de bijlage vindt u de overeenkomst waarover u hebt beslist als PDF',
    ]) {
      expect(email.text).toContain(text);
    }
    const english = agreementDeclineConfirmation({ onboarding: sampleOnboarding({ locale: 'en' }), agreement: sampleAgreement({ locale: 'en' }), decision: { name: 'Sanne', at: AT, comment: 'Too expensive' } });
    expect(english.subject).toBe('Confirmation: service agreement declined – Bakkerij De Korenschoof B.V.');
    for (const text of ['Decision: Declined', 'Time: 13 November 2026 at 11:15', 'Your comment:\n> Too expensive', 'Attached is the agreement you decided on as a PDF', 'Document fingerprint (SHA-256):']) {
      expect(english.text).toContain(text);
    }
  });

  it('changes confirmation: what was received, and that the analysts send a revised offer', () => {
    const email = agreementChangesConfirmation({ onboarding, agreement, decision: { name: 'Sanne de Vries', at: AT, comment: 'Wifi kan later.' } });
    expect(email.subject).toBe('Bevestiging: wijzigingen aangevraagd in uw serviceovereenkomst – Bakkerij De Korenschoof B.V.');
    for (const text of ['Beslissing: Wijzigingen aangevraagd', 'Naam: Sanne de Vries', 'Versie: 1', '> Wifi kan later.', 'Onze analisten passen de overeenkomst aan', 'herziene overeenkomst', `Documentkenmerk (SHA-256): ${agreement.documentHash}`, 'als PDF']) {
      expect(email.text).toContain(text);
    }
    const english = agreementChangesConfirmation({ onboarding: sampleOnboarding({ locale: 'en' }), agreement: sampleAgreement({ locale: 'en' }), decision: { name: 'Sanne', at: AT, comment: 'Later' } });
    expect(english.subject).toBe('Confirmation: changes requested to your service agreement – Bakkerij De Korenschoof B.V.');
    expect(english.text).toContain('Decision: Changes requested');
    expect(english.text).toContain('You will then receive a revised agreement by e-mail');
    expect(english.html).toContain('<html lang="en">');
  });

  it('expired note: politely says the offer lapsed, in both languages', () => {
    expect(agreementExpiredClientNote({ onboarding, agreement }).text).toContain('is dit aanbod verlopen');
    const english = agreementExpiredClientNote({ onboarding: sampleOnboarding({ locale: 'en' }), agreement: sampleAgreement({ locale: 'en' }) });
    expect(english.text).toContain('the offer has lapsed');
  });
});

describe('staff e-mails (Dutch)', () => {
  const onboarding = sampleOnboarding({ locale: 'en' });
  const agreement = sampleAgreement({ locale: 'en' });
  const decision = { name: 'Sanne de Vries', at: AT, ip: '203.0.113.7', userAgent: 'Mozilla/5.0' };
  const details = `Details: GET ${API}/onboardings/${ONB}`;

  it('approved notice carries the evidence and names the onboarding by its API URL', () => {
    const email = agreementApprovedNotice({ onboarding, agreement, decision, apiUrl: API });
    expect(email.subject).toBe('Overeenkomst goedgekeurd: Bakkerij De Korenschoof B.V. (versie 1)');
    for (const text of ['Naam: Sanne de Vries', 'Tijdstip: 13 november 2026 om 11:15', 'IP-adres: 203.0.113.7', 'User-agent: Mozilla/5.0', `Documentkenmerk: ${agreement.documentHash}`, `Totaal excl. btw: €${NBSP}770,63`, details]) {
      expect(email.text).toContain(text);
    }
    expect(email.html).toContain(`GET ${API}/onboardings/${ONB}`);
    expect(email.html).toContain('<html lang="nl">');
  });

  it('names the API URL in full, whether or not the base URL ends in a slash', () => {
    const email = agreementApprovedNotice({ onboarding, agreement, decision, apiUrl: `${API}/` });
    expect(textLine(email, 'Details')).toBe(details);
  });

  it('declined notice quotes the reason, line breaks kept', () => {
    const email = agreementDeclinedNotice({ onboarding, agreement, decision: { ...decision, reason: 'Te duur.\nWe kiezen een ander.' }, apiUrl: API });
    expect(email.text).toContain('> Te duur.\n> We kiezen een ander.');
    expect(email.html).toContain('white-space:pre-wrap">Te duur.\nWe kiezen een ander.</blockquote>');
    expect(email.text).toContain('status DECLINED');
    expect(email.text).toContain(details);
  });

  it('changes-requested notice quotes the comment, counts the revision and names the analysis call in full', () => {
    const email = agreementChangesRequestedNotice({ onboarding, agreement, decision: { ...decision, comment: 'Wifi kan later.' }, revision: 2, maxRevisions: 3, apiUrl: API });
    expect(email.subject).toBe('Wijzigingen aangevraagd: Bakkerij De Korenschoof B.V. – revisie 2 van 3');
    expect(email.text).toContain('> Wifi kan later.');
    expect(email.text).toContain(`POST ${API}/onboardings/${ONB}/analysis`);
    expect(email.text).not.toMatch(/ \/onboardings\//);
    expect(email.text).toContain('versie 2 van de overeenkomst');
  });

  it('expired notice says how many reminders went out', () => {
    const email = agreementExpiredNotice({ onboarding, agreement, remindersSent: 2, apiUrl: API });
    expect(email.text).toContain('Na 2 herinneringen is het aanbod op 26 november 2026 verlopen');
    expect(email.text).toContain(details);
  });

  it('analysis reminder counts n of max, lists the incidents and names the call in full', () => {
    const email = analysisReminder({ onboarding, reminder: 2, maxReminders: 3, apiUrl: API });
    expect(email.subject).toBe('Herinnering 2 van 3: analyse voor Bakkerij De Korenschoof B.V. wacht nog');
    expect(email.text).toContain('- inc-01 Kassasysteem valt uit (hardware, impact hoog)');
    expect(email.text).toContain(`Dien haar in met POST ${API}/onboardings/${ONB}/analysis.`);
    expect(email.text).not.toMatch(/ \/onboardings\//);
    expect(analysisReminder({ onboarding, reminder: 3, maxReminders: 3, apiUrl: API }).text).toContain('Dit is de laatste herinnering');
  });

  it('analysis escalation tells the account manager the analysis is overdue', () => {
    const email = analysisEscalation({ onboarding, remindersSent: 3, apiUrl: API });
    expect(email.subject).toBe('Analyse te laat: Bakkerij De Korenschoof B.V. (onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X)');
    expect(email.text).toContain('na 3 herinneringen');
    expect(email.text).toContain(details);
  });

  it('analyst notification names the details and the analysis call in full, in both parts', () => {
    const email = analystNotification({ onboarding, apiUrl: API });
    expect(email.text).toContain(`Details: GET ${API}/onboardings/${ONB}`);
    expect(email.text).toContain(`Analyse indienen: POST ${API}/onboardings/${ONB}/analysis`);
    expect(email.html).toContain(`<code>GET ${API}/onboardings/${ONB}</code>`);
    expect(email.html).not.toMatch(/>GET \/onboardings/);
  });
});

describe('release e-mails (Dutch, to staff)', () => {
  const onboarding = sampleOnboarding();
  const agreement = sampleAgreement({ version: 2 });
  const calls = [
    `GET ${API}/onboardings/${ONB}/agreement`,
    `POST ${API}/onboardings/${ONB}/agreement/release`,
    `POST ${API}/onboardings/${ONB}/agreement/return met {"comment": "..."}`,
  ];

  it('release request: why it waits (threshold amount, limits), the totals and lines, the version and the three calls; no link', () => {
    const email = agreementReleaseRequest({ onboarding, agreement, reasons: ['above-review-threshold'], apiUrl: API });
    expect(email.subject).toBe(`Vrijgave nodig: serviceovereenkomst voor Bakkerij De Korenschoof B.V. (versie 2, €${NBSP}932,46 incl. btw)`);
    for (const text of [
      'wacht op uw vrijgave (status AWAITING_RELEASE)',
      `- Het totaal incl. btw (€${NBSP}932,46) ligt boven de drempel voor controle van €${NBSP}2.500,00.`,
      'Versie: 2',
      `Totaal excl. btw: €${NBSP}770,63`,
      `Btw 21%: €${NBSP}161,83`,
      `Totaal incl. btw: €${NBSP}932,46`,
      `Documentkenmerk: ${agreement.documentHash}`,
      ...calls,
      `Details: GET ${API}/onboardings/${ONB}`,
    ]) {
      expect(email.text).toContain(text);
    }
    const table = email.text.split('\n');
    expect(table.find((row) => row.startsWith('inc-01 Kassasysteem valt uit'))).toMatch(new RegExp(`Hoog\\s+2,5 uur\\s+2,5 uur\\s+€${NBSP}346,38$`));
    expect(table.find((row) => row.startsWith('inc-02 Wifi traag in het kantoor'))).toMatch(new RegExp(`Normaal\\s+1,75 uur\\s+1,75 uur\\s+€${NBSP}424,25$`));
    expect(email.text).not.toContain('beyond');
    expect(email.html).not.toMatch(/<a\b/);
    expect(email.html).toContain('<html lang="nl">');
  });

  it('release request names the lines beyond the analysis limits', () => {
    const big = sampleAgreement();
    const lines = [{ ...big.lines[0]!, estimatedHours: 60 }, big.lines[1]!];
    const email = agreementReleaseRequest({ onboarding, agreement: { ...big, lines }, reasons: ['beyond-analysis-limits'], apiUrl: API });
    expect(email.text).toContain(`De analyse vraagt meer dan de grenzen van de tariefkaart toestaan (per probleem hoogstens 40 uur, 100 stuks per materiaal en €${NBSP}5.000,00 per stuk). Het gaat om: inc-01 Kassasysteem valt uit.`);
    expect(email.text).not.toContain('drempel');
  });

  it('release reminder: n of max to the account manager, since when, the calls; the last one says who is told next', () => {
    const held = { ...onboarding, agreement: { version: 2, createdAt: AT, validUntil: '2026-11-26', totals: agreement.totals, documentHash: agreement.documentHash, hold: { reasons: ['above-review-threshold' as const], heldAt: AT } } };
    const email = agreementReleaseReminder({ onboarding: held, agreement, reminder: 1, maxReminders: 2, apiUrl: API });
    expect(email.subject).toBe('Herinnering 1 van 2: overeenkomst voor Bakkerij De Korenschoof B.V. wacht op uw vrijgave');
    for (const text of ['wacht sinds 13 november 2026 om 11:15 op uw vrijgave', 'De klant heeft nog niets ontvangen.', 'Dit is herinnering 1 van 2', 'ligt boven de drempel', ...calls]) {
      expect(email.text).toContain(text);
    }
    const last = agreementReleaseReminder({ onboarding: held, agreement, reasons: [], heldSince: '2026-11-12T08:00:00.000Z', reminder: 2, maxReminders: 2, apiUrl: API });
    expect(last.text).toContain('Dit is de laatste herinnering');
    expect(last.text).toContain('wacht sinds 12 november 2026 om 09:00');
    expect(last.text).not.toContain('Waarom zij wacht');
  });

  it('release escalation: once to operations, waiting since when, and the account manager', () => {
    const email = agreementReleaseEscalation({ onboarding, agreement, heldSince: AT, remindersSent: 2, apiUrl: API });
    expect(email.subject).toBe(`Overeenkomst wacht op vrijgave sinds 13 november 2026 om 11:15: Bakkerij De Korenschoof B.V. (${ONB})`);
    for (const text of ['wacht sinds 13 november 2026 om 11:15 op vrijgave', 'De accountmanager (am@breakfix.example) heeft na 2 herinneringen', 'Neem contact op met am@breakfix.example', ...calls]) {
      expect(email.text).toContain(text);
    }
  });
});
