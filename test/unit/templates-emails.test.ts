import { describe, expect, it } from 'vitest';
import { agreementApprovedConfirmation, agreementApprovedNotice } from '../../functions/templates/email/agreement-approved';
import { agreementChangesRequestedNotice } from '../../functions/templates/email/agreement-changes-requested';
import { agreementDeclinedNotice } from '../../functions/templates/email/agreement-declined';
import { agreementExpiredClientNote, agreementExpiredNotice } from '../../functions/templates/email/agreement-expired';
import { agreementOffer } from '../../functions/templates/email/agreement-offer';
import { agreementReminder } from '../../functions/templates/email/agreement-reminder';
import { analysisEscalation } from '../../functions/templates/email/analysis-escalation';
import { analysisReminder } from '../../functions/templates/email/analysis-reminder';
import type { RenderedEmail } from '../../functions/templates/email/layout';
import { HOSTILE, HOSTILE_ESCAPED, sampleAgreement, sampleOnboarding } from './templates-fixtures';

const URL = 'https://breakfix.example/agreements/q2Xv9k?a=1&b=2';
const AT = '2026-11-13T10:15:00.000Z';

function hostile(locale: 'nl' | 'en') {
  const companyName = `Acme ${HOSTILE}`;
  return {
    onboarding: sampleOnboarding({ companyName, locale, contactName: `Jan ${HOSTILE}` }),
    agreement: sampleAgreement({ companyName, locale }),
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
    ['approved notice', agreementApprovedNotice({ onboarding, agreement, decision })],
    ['declined notice', agreementDeclinedNotice({ onboarding, agreement, decision: { ...decision, reason: `Te duur ${HOSTILE}` } })],
    [
      'changes requested notice',
      agreementChangesRequestedNotice({ onboarding, agreement, decision: { ...decision, comment: `Minder uren ${HOSTILE}` }, revision: 1, maxRevisions: 3 }),
    ],
    ['expired notice', agreementExpiredNotice({ onboarding, agreement, remindersSent: 3 })],
    ['expired client note', agreementExpiredClientNote({ onboarding, agreement })],
    ['analysis reminder', analysisReminder({ onboarding, reminder: 2, maxReminders: 3 })],
    ['analysis escalation', analysisEscalation({ onboarding, remindersSent: 3 })],
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

describe('client e-mails', () => {
  const onboarding = sampleOnboarding();
  const agreement = sampleAgreement();

  it('offer: summary, link and what each choice does, in Dutch', () => {
    const email = agreementOffer({ onboarding, agreement, url: URL });
    expect(email.subject).toBe('Uw serviceovereenkomst staat klaar – Bakkerij De Korenschoof B.V.');
    for (const text of ['Beste Sanne de Vries,', '2 problemen', 'Totaal excl. btw: € 770,63', 'Totaal incl. btw: € 932,46', 'Geldig tot en met: 26 november 2026', URL, 'Goedkeuren:', 'Wijzigingen aanvragen:', 'Afwijzen:']) {
      expect(email.text).toContain(text);
    }
    expect(email.html).toContain('href="https://breakfix.example/agreements/q2Xv9k?a=1&amp;b=2"');
    expect(email.html).toContain('<html lang="nl">');
  });

  it('offer: in English for an English client, and marked as a revision from version 2', () => {
    const email = agreementOffer({
      onboarding: sampleOnboarding({ locale: 'en' }),
      agreement: sampleAgreement({ locale: 'en', version: 2 }),
      url: URL,
    });
    expect(email.subject).toBe('Your revised service agreement (version 2) is ready – Bakkerij De Korenschoof B.V.');
    for (const text of ['Dear Sanne de Vries,', 'Total excl. VAT: €770.63', 'Total incl. VAT: €932.46', '26 November 2026', 'Approve:', 'Request changes:', 'Decline:', 'Kind regards,']) {
      expect(email.text).toContain(text);
    }
    expect(email.html).toContain('<html lang="en">');
  });

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

  it('approved confirmation names who approved, when, and the document hash', () => {
    const email = agreementApprovedConfirmation({ onboarding, agreement, decision: { name: 'Sanne de Vries', at: AT } });
    expect(email.subject).toBe('Bevestiging: serviceovereenkomst goedgekeurd – Bakkerij De Korenschoof B.V.');
    expect(email.text).toContain('Sanne de Vries heeft de serviceovereenkomst (versie 1) op 13 november 2026 om 11:15 namens Bakkerij De Korenschoof B.V. goedgekeurd.');
    expect(email.text).toContain(agreement.documentHash);
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

  it('approved notice carries the evidence', () => {
    const email = agreementApprovedNotice({ onboarding, agreement, decision });
    expect(email.subject).toBe('Overeenkomst goedgekeurd: Bakkerij De Korenschoof B.V. (versie 1)');
    for (const text of ['Naam: Sanne de Vries', 'Tijdstip: 13 november 2026 om 11:15', 'IP-adres: 203.0.113.7', 'User-agent: Mozilla/5.0', `Documentkenmerk: ${agreement.documentHash}`, 'Totaal excl. btw: € 770,63']) {
      expect(email.text).toContain(text);
    }
    expect(email.html).toContain('<html lang="nl">');
  });

  it('declined notice quotes the reason, line breaks kept', () => {
    const email = agreementDeclinedNotice({ onboarding, agreement, decision: { ...decision, reason: 'Te duur.\nWe kiezen een ander.' } });
    expect(email.text).toContain('> Te duur.\n> We kiezen een ander.');
    expect(email.html).toContain('white-space:pre-wrap">Te duur.\nWe kiezen een ander.</blockquote>');
    expect(email.text).toContain('status DECLINED');
  });

  it('changes-requested notice quotes the comment and counts the revision', () => {
    const email = agreementChangesRequestedNotice({ onboarding, agreement, decision: { ...decision, comment: 'Wifi kan later.' }, revision: 2, maxRevisions: 3 });
    expect(email.subject).toBe('Wijzigingen aangevraagd: Bakkerij De Korenschoof B.V. – revisie 2 van 3');
    expect(email.text).toContain('> Wifi kan later.');
    expect(email.text).toContain('POST /onboardings/onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X/analysis');
    expect(email.text).toContain('versie 2 van de overeenkomst');
  });

  it('expired notice says how many reminders went out', () => {
    const email = agreementExpiredNotice({ onboarding, agreement, remindersSent: 2 });
    expect(email.text).toContain('Na 2 herinneringen is het aanbod op 26 november 2026 verlopen');
  });

  it('analysis reminder counts n of max and lists the incidents', () => {
    const email = analysisReminder({ onboarding, reminder: 2, maxReminders: 3 });
    expect(email.subject).toBe('Herinnering 2 van 3: analyse voor Bakkerij De Korenschoof B.V. wacht nog');
    expect(email.text).toContain('- inc-01 Kassasysteem valt uit (hardware, impact hoog)');
    expect(analysisReminder({ onboarding, reminder: 3, maxReminders: 3 }).text).toContain('Dit is de laatste herinnering');
  });

  it('analysis escalation tells the account manager the analysis is overdue', () => {
    const email = analysisEscalation({ onboarding, remindersSent: 3 });
    expect(email.subject).toBe('Analyse te laat: Bakkerij De Korenschoof B.V. (onb-01JDW3Y8Q7ZK4M2N6P8R0T2V4X)');
    expect(email.text).toContain('na 3 herinneringen');
  });
});
