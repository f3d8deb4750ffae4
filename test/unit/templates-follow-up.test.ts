import { describe, expect, it } from 'vitest';
import type { Agreement } from '../../functions/domain/agreement';
import type { FollowUpReport } from '../../functions/domain/follow-up-report';
import { composeEmailWithTables, tableText, type TableBlock } from '../../functions/templates/email/email-table-blocks';
import { followUpReportEmail, refusalText } from '../../functions/templates/email/follow-up-report';
import { formatDateTime } from '../../functions/templates/email/layout';
import { monitoringStartedNotice } from '../../functions/templates/email/monitoring-started';
import { formatEuro } from '../../functions/templates/format';
import { EXAMPLE_NOW, exampleReport, exampleTickets, reportTicket } from './follow-up-fixtures';
import { HOSTILE, HOSTILE_ESCAPED, sampleAgreement, sampleOnboarding } from './templates-fixtures';

const FEEDBACK_URL = 'https://breakfix.example/feedback/f7Kq2?a=1&b=2';
const PROBLEM_URL = 'https://breakfix.example/problems/p9Zx4?a=1&b=2';

function reportEmail(locale: 'nl' | 'en', report: FollowUpReport = exampleReport({ agreement: sampleAgreement({ locale }) })) {
  return { report, email: followUpReportEmail({ onboarding: sampleOnboarding({ locale }), report, feedbackUrl: FEEDBACK_URL }) };
}

/** "€ 1.234,56" / "€1,234.56" back to cents, to add up what the e-mail shows. */
function cents(amount: string, locale: 'nl' | 'en'): number {
  const digits = locale === 'nl' ? amount.replace(/[€\s.]/g, '').replace(',', '') : amount.replace(/[€\s,]/g, '').replace('.', '');
  return Number(digits);
}

/** The text part's lines from the header line starting with `header` up to the next blank line. */
function textTable(text: string, header: string): string[] {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => line.startsWith(header));
  expect(start, `no table starting with ${header}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, i) => i > start && line === '');
  return lines.slice(start, end);
}

/** One €1,234.56 materials line and nothing else: 123 456 + 21 % VAT (25 925.76 → 25 926) = 149 382. */
function bigMaterialsReport(locale: 'nl' | 'en'): FollowUpReport {
  const base = sampleAgreement({ locale });
  const agreement: Agreement = { ...base, lines: [{ ...base.lines[0]!, materialsCents: 123_456 }] };
  const [first] = exampleTickets();
  return exampleReport({ agreement, tickets: [{ ...first!, minutesLogged: 0 }], refusedProblems: [] });
}

describe('the follow-up report e-mail', () => {
  it('is Dutch for a Dutch client, with every section', () => {
    const { email } = reportEmail('nl');
    expect(email.subject).toBe('Eindrapport van de werkzaamheden – Bakkerij De Korenschoof B.V.');
    for (const part of [email.text, email.html]) {
      for (const text of ['Beste Sanne de Vries,', 'Tickets en kosten', 'Zo is gerekend', 'Reactie- en oplostijden', 'Overschrijdingen', 'Openstaande punten', 'Uw mening', 'Geef uw beoordeling']) {
        expect(part).toContain(text);
      }
    }
    expect(email.html).toContain('<html lang="nl">');
    expect(email.text).not.toMatch(/Total incl|Dear /);
  });

  it('is English for an English client, with every section', () => {
    const { email } = reportEmail('en');
    expect(email.subject).toBe('Final report on the work – Bakkerij De Korenschoof B.V.');
    for (const part of [email.text, email.html]) {
      for (const text of ['Dear Sanne de Vries,', 'Tickets and cost', 'How it was calculated', 'Response and resolution times', 'Missed times', 'Open points', 'Your opinion', 'Give your rating']) {
        expect(part).toContain(text);
      }
    }
    expect(email.html).toContain('<html lang="en">');
    expect(email.text).not.toMatch(/Totaal|Beste /);
  });

  it('formats amounts as format.ts does: "€ 1.234,56" with a no-break space in Dutch (also in the text tables), €1,234.56 in English', () => {
    const nl = reportEmail('nl', bigMaterialsReport('nl')).email;
    const en = reportEmail('en', bigMaterialsReport('en')).email;
    for (const part of [nl.text, nl.html]) {
      expect(part).toContain('€\u00a01.234,56');
      expect(part).toContain('€\u00a0259,26');
      expect(part).toContain('€\u00a01.493,82');
      expect(part).not.toMatch(/€ \d/);
    }
    for (const part of [en.text, en.html]) {
      expect(part).toContain('€1,234.56');
      expect(part).toContain('€259.26');
      expect(part).toContain('€1,493.82');
    }
    for (const part of [en.text, en.html]) expect(part).not.toMatch(/€\s/);
  });

  it.each(['nl', 'en'] as const)('shows the report’s totals, and the costs it lists add up to the subtotal (%s)', (locale) => {
    const { report, email } = reportEmail(locale);
    const euro = (amount: number) => formatEuro(amount, locale);
    const labels =
      locale === 'nl'
        ? { header: 'Probleem', subtotal: 'Subtotaal excl. btw', vat: 'Btw 21%', total: 'Totaal incl. btw' }
        : { header: 'Problem', subtotal: 'Subtotal excl. VAT', vat: 'VAT 21%', total: 'Total incl. VAT' };
    const table = textTable(email.text, labels.header);
    const line = (label: string) => table.find((row) => row.includes(label))!;
    expect(line(labels.subtotal).trim()).toBe(`${labels.subtotal}  ${euro(report.totals.exclVatCents)}`);
    expect(line(labels.vat).trim()).toBe(`${labels.vat}  ${euro(report.totals.vatCents)}`);
    expect(line(labels.total).trim()).toBe(`${labels.total}  ${euro(report.totals.inclVatCents)}`);
    expect(euro(report.totals.inclVatCents)).toBe(locale === 'nl' ? '€\u00a0760,04' : '€760.04');

    // Every line's cost, right-aligned in the last column, and they add up to the subtotal.
    const amountLines = table.filter((row) => row.includes('€'));
    expect(new Set(amountLines.map((row) => row.length)).size).toBe(1);
    const costs = amountLines.slice(0, report.lines.length).map((row) => cents(/(€\s?[\d.,]+)$/.exec(row)![1]!, locale));
    expect(costs).toEqual(report.lines.map((l) => l.totalCents));
    expect(costs.reduce((sum, c) => sum + c, 0)).toBe(report.totals.exclVatCents);

    for (const [label, amount] of [
      [labels.subtotal, report.totals.exclVatCents],
      [labels.vat, report.totals.vatCents],
      [labels.total, report.totals.inclVatCents],
    ] as const) {
      expect(email.html).toMatch(new RegExp(`>${label}</td><td [^>]*>${euro(amount)}</td>`));
    }
    for (const reportLine of report.lines) expect(email.html).toContain(`>${euro(reportLine.totalCents)}</td>`);
  });

  it('shows each line’s arithmetic: billable time × rate, then the surcharge only when there is one, plus materials', () => {
    const nl = reportEmail('nl').email;
    expect(nl.text).toContain('- Kassasysteem valt uit: 1 uur × €\u00a095,00 +25\u00a0% = €\u00a0118,75 + materialen €\u00a049,50 = €\u00a0168,25');
    expect(nl.text).toContain('- Server start niet na stroomstoring: 0,25 uur × €\u00a095,00 +50\u00a0% = €\u00a035,63');
    // Normal priority has no surcharge (100 %): the bare rate, never "× 100%".
    expect(nl.text).toContain('- Wifi traag in het kantoor: 1,75 uur × €\u00a095,00 = €\u00a0166,25 + materialen €\u00a0258,00 = €\u00a0424,25');
    expect(nl.text).not.toMatch(/× 1\d\d ?%/);
    expect(nl.text).toContain('blokken van 15 minuten');
    const en = reportEmail('en').email;
    expect(en.text).toContain('- Kassasysteem valt uit: 1 hour × €95.00 +25% = €118.75 + materials €49.50 = €168.25');
    expect(en.text).toContain('- Wifi traag in het kantoor: 1.75 hours × €95.00 = €166.25 + materials €258.00 = €424.25');
  });

  it('shows estimated vs logged hours, and a dash for a problem without an estimate', () => {
    const table = textTable(reportEmail('nl').email.text, 'Probleem');
    expect(table.find((row) => row.startsWith('Kassasysteem valt uit'))).toMatch(/Hoog\s+2,5 uur\s+0,83 uur\s+€\u00a0168,25$/);
    expect(table.find((row) => row.startsWith('Printer geeft papierstoring'))).toMatch(/Laag\s+–\s+0 uur\s+€\u00a00,00$/);
  });

  it('shows SLA compliance as counts and percentages, n.v.t. / n/a without tickets', () => {
    const nl = textTable(reportEmail('nl').email.text, 'Afspraak   Op tijd');
    expect(nl.find((row) => row.startsWith('Reactie'))).toMatch(/^Reactie\s+3\s+1\s+4\s+75%$/);
    expect(nl.find((row) => row.startsWith('Oplossing'))).toMatch(/^Oplossing\s+3\s+1\s+4\s+75%$/);

    // 2 of 3 on time → 66.7 %
    const three = exampleTickets().slice(0, 3);
    const en = reportEmail('en', exampleReport({ agreement: sampleAgreement({ locale: 'en' }), tickets: three })).email;
    expect(textTable(en.text, 'Agreed time  On time').find((row) => row.startsWith('Response'))).toMatch(/^Response\s+2\s+1\s+3\s+66\.7%$/);
    expect(reportEmail('nl', exampleReport({ tickets: three })).email.text).toMatch(/Reactie\s+2\s+1\s+3\s+66,7%/);

    for (const locale of ['nl', 'en'] as const) {
      const empty = reportEmail(locale, exampleReport({ agreement: sampleAgreement({ locale }), tickets: [], refusedProblems: [] })).email;
      const na = locale === 'nl' ? 'n.v.t.' : 'n/a';
      expect(empty.text.match(new RegExp(`${na.replace(/[./]/g, '\\$&')}$`, 'gm'))).toHaveLength(2);
      expect(empty.html).toContain(`>${na}</td>`);
      expect(empty.text).toContain(locale === 'nl' ? 'Er zijn geen tickets geweest.' : 'There were no tickets.');
      expect(empty.text).not.toMatch(/Overschrijdingen|Missed times/);
    }
  });

  it('lists the breaches with due and actual times and the business hours late', () => {
    const nl = reportEmail('nl').email;
    for (const part of [nl.text, nl.html]) {
      expect(part).toContain('1,3 werkuren');
      expect(part).toContain('3 werkuren');
    }
    expect(nl.html).toContain(`>${formatDateTime('2026-12-04T16:00:00.000Z', 'nl')}</td>`);
    expect(nl.html).toContain('>4 december 2026 om 17:00</td>');
    expect(nl.html).toContain('>7 december 2026 om 09:15</td>');
    const en = reportEmail('en').email;
    expect(en.html).toContain('>1.3 business hours</td>');
    expect(en.html).toContain('>24 December 2026 at 16:30</td>');

    const open = reportTicket({
      incidentId: 'inc-05',
      priority: 'normal',
      minutesLogged: 0,
      acknowledgedAt: undefined,
      resolvedAt: undefined,
      responseDueAt: '2027-01-04T10:00:00.000Z',
      resolveDueAt: '2027-01-05T10:00:00.000Z',
    });
    const pending = reportEmail('nl', exampleReport({ tickets: [open] })).email;
    expect(pending.html).toContain(`>Nog niet (stand ${formatDateTime(EXAMPLE_NOW, 'nl')})</td>`);
    expect(pending.html).toContain('>36 werkuren</td>');
  });

  it('says so when every time was met and nothing is open', () => {
    const [first] = exampleTickets();
    const nl = reportEmail('nl', exampleReport({ tickets: [first!], refusedProblems: [] })).email;
    expect(nl.text).toContain('Alle tickets zijn binnen de afgesproken reactie- en oplostijden opgepakt en opgelost.');
    expect(nl.text).toContain('Er staan geen punten meer open.');
    expect(nl.text).not.toContain('Overschrijdingen');
    const en = reportEmail('en', exampleReport({ agreement: sampleAgreement({ locale: 'en' }), tickets: [first!], refusedProblems: [] })).email;
    expect(en.text).toContain('Every ticket was responded to and resolved within the agreed times.');
    expect(en.text).toContain('No points remain open.');
  });

  it('lists the open points: technicians’ follow-ups and refused problems', () => {
    const nl = reportEmail('nl').email;
    expect(nl.text).toContain('- Server start niet na stroomstoring: UPS-accu binnen zes maanden vervangen');
    expect(nl.text).toContain('- Beamer in de vergaderzaal (gemeld op 30 december 2026 om 10:00): het maximum aantal meldingen via de link is bereikt');
    const en = reportEmail('en').email;
    expect(en.text).toContain('- Beamer in de vergaderzaal (reported on 30 December 2026 at 10:00): the maximum number of reports through the link was reached');
  });

  it('reads refusal reasons as words, and shows any other reason as stored', () => {
    expect(refusalText('closed', 'nl')).toBe('gemeld nadat de monitoring was afgelopen');
    expect(refusalText('round-full', 'en')).toBe('the round of work was full');
    expect(refusalText('Dubbele melding', 'nl')).toBe('Dubbele melding');
  });

  it('carries the feedback link as a button with the bare URL, and the report’s fingerprint', () => {
    const { report, email } = reportEmail('nl');
    expect(email.html).toContain('href="https://breakfix.example/feedback/f7Kq2?a=1&amp;b=2"');
    expect(email.text).toContain(`Geef uw beoordeling:\n${FEEDBACK_URL}`);
    expect(email.text).toContain('een cijfer van 1 tot 5');
    expect(email.text).toContain(`Rapportkenmerk (SHA-256) van versie 1: ${report.reportHash}`);
  });

  it.each(['nl', 'en'] as const)('escapes hostile titles, follow-ups, refused problems and names in HTML (%s)', (locale) => {
    const companyName = `Acme ${HOSTILE}`;
    const tickets = exampleTickets().map((ticket) => ({ ...ticket, title: `${ticket.title} ${HOSTILE}` }));
    const withFollowUp = reportTicket({
      incidentId: 'inc-06',
      priority: 'high',
      minutesLogged: 10,
      title: HOSTILE,
      followUp: `Let op ${HOSTILE}`,
      responseDueAt: '2027-01-04T10:00:00.000Z',
      resolveDueAt: '2027-01-05T10:00:00.000Z',
    });
    const report = exampleReport({
      agreement: sampleAgreement({ companyName, locale }),
      tickets: [...tickets, withFollowUp],
      refusedProblems: [{ title: `Scanner ${HOSTILE}`, reportedAt: '2026-12-30T09:00:00.000Z', reason: `Vol ${HOSTILE}` }],
    });
    const email = followUpReportEmail({ onboarding: sampleOnboarding({ companyName, locale, contactName: `Jan ${HOSTILE}` }), report, feedbackUrl: FEEDBACK_URL });
    expect(email.html).toContain(HOSTILE_ESCAPED);
    expect(email.html).not.toContain(HOSTILE);
    expect(email.html).not.toMatch(/<script/i);
    expect(email.html).toContain(`<td style="padding:6px 8px;vertical-align:top;border-bottom:1px solid #e4e7eb;text-align:left;word-break:break-word">${HOSTILE_ESCAPED}</td>`);
    expect(email.text).toContain(`Let op ${HOSTILE}`);
    expect(email.text).toContain(`Scanner ${HOSTILE}`);
    expect(email.subject).toContain(companyName);
  });
});

describe('tables in e-mails', () => {
  const table: TableBlock = {
    kind: 'table',
    columns: [{ header: 'Wat', textWidth: 10 }, { header: 'Bedrag', align: 'right' }],
    rows: [
      ['Een heel lange omschrijving', '€ 1,00'],
      ['Kort\nmet regeleinde', '€ 100,00'],
    ],
    summary: [{ label: 'Totaal', value: '€ 101,00', strong: true }],
  };

  it('aligns the text part: wrapped left column, right-aligned amounts, the summary under the last column', () => {
    expect(tableText(table).split('\n')).toEqual([
      'Wat           Bedrag',
      '----------  --------',
      'Een heel      € 1,00',
      'lange',
      'omschrijvi',
      'ng',
      'Kort met    € 100,00',
      'regeleinde',
      '----------  --------',
      '    Totaal  € 101,00',
    ]);
  });

  it('renders a real HTML table amid the other blocks, escaped, and leaves text that looks like a marker alone', () => {
    const email = composeEmailWithTables('nl', 'Onderwerp', [
      { kind: 'paragraph', lines: ['[[table-0-abc]] <b>'] },
      { ...table, rows: [[HOSTILE, '€ 1,00']] },
      { kind: 'heading', text: 'Daarna' },
    ]);
    expect(email.html).toContain('<th scope="col"');
    expect(email.html).toContain(`>${HOSTILE_ESCAPED}</td>`);
    expect(email.html).toContain('<p>[[table-0-abc]] &lt;b&gt;</p>');
    expect(email.html).toContain('<tfoot><tr><td colspan="1"');
    expect(email.html.indexOf('<table')).toBeLessThan(email.html.indexOf('Daarna'));
    expect(email.text).toContain('[[table-0-abc]] <b>\n\nWat');
    expect(email.text).toContain('\n\nDaarna:');
    expect(email.text).not.toMatch(/\[\[table-0-[0-9a-f]{64}\]\]/);
  });
});

describe('the monitoring-started notice', () => {
  const until = '2027-01-08T10:00:00.000Z';

  it('tells a Dutch client the work is done, until when we watch, how to report a problem and what follows', () => {
    const email = monitoringStartedNotice({ onboarding: sampleOnboarding(), until, problemUrl: PROBLEM_URL, ticketsResolved: 3 });
    expect(email.subject).toBe('Werkzaamheden afgerond: wij houden uw omgeving in de gaten tot 8 januari 2027 om 11:00 – Bakkerij De Korenschoof B.V.');
    expect(email.text).toContain('Beste Sanne de Vries,');
    expect(email.text).toContain('de werkzaamheden voor Bakkerij De Korenschoof B.V. zijn afgerond. Alle 3 tickets zijn opgelost.');
    expect(email.text).toContain('Tot 8 januari 2027 om 11:00 houden wij uw omgeving in de gaten');
    expect(email.text).toContain(`Nieuw probleem melden:\n${PROBLEM_URL}`);
    expect(email.html).toContain('href="https://breakfix.example/problems/p9Zx4?a=1&amp;b=2"');
    expect(email.html).toContain('Werkt de knop niet? Open dan deze link:');
    expect(email.text).toContain('am@breakfix.example');
    expect(email.text).toContain('eindrapport');
    expect(email.text).toContain('tarieven uit uw serviceovereenkomst');
  });

  it('tells an English client the same', () => {
    const email = monitoringStartedNotice({ onboarding: sampleOnboarding({ locale: 'en' }), until, problemUrl: PROBLEM_URL, ticketsResolved: 1 });
    expect(email.subject).toBe('Work completed: we are monitoring your environment until 8 January 2027 at 11:00 – Bakkerij De Korenschoof B.V.');
    expect(email.text).toContain('Dear Sanne de Vries,');
    expect(email.text).toContain('The ticket has been resolved.');
    expect(email.text).toContain('Until 8 January 2027 at 11:00 we keep an eye on your environment');
    expect(email.text).toContain(`Report a new problem:\n${PROBLEM_URL}`);
    expect(email.html).toContain('Button not working? Open this link:');
    expect(email.text).toContain('final report');
  });

  it.each(['nl', 'en'] as const)('escapes hostile names (%s)', (locale) => {
    const onboarding = sampleOnboarding({ companyName: `Acme ${HOSTILE}`, contactName: `Jan ${HOSTILE}`, locale });
    const email = monitoringStartedNotice({ onboarding, until, problemUrl: PROBLEM_URL, ticketsResolved: 2 });
    expect(email.html).toContain(HOSTILE_ESCAPED);
    expect(email.html).not.toContain(HOSTILE);
    expect(email.text).toContain(`Jan ${HOSTILE}`);
    expect(email.text).toContain(locale === 'nl' ? 'Beide tickets zijn opgelost.' : 'Both tickets have been resolved.');
  });
});
