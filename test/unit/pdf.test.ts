import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Agreement } from '../../functions/domain/agreement';
import { formatEuro, formatPercent } from '../../functions/templates/format';
import { agreementPdfFileName, renderDecidedPdf, renderOfferPdf } from '../../functions/templates/pdf/agreement-pdf';
import { renderReportPdf, reportPdfFileName } from '../../functions/templates/pdf/report-pdf';
import { DEFAULT_RATE_CARD, EXAMPLE_PROVIDER } from '../../infra/stage-config';
import { demoAgreement, largestAgreement, LARGEST_ALLOWED, sampleEvidence, type AgreementSize } from '../support/pdf-fixtures';
import { pdfContent } from '../support/pdf-text';
import { exampleReport } from './follow-up-fixtures';

/*
 * The PDFs the client keeps, read back as a reader's viewer reads them: text extracted with pdf.js
 * (what can be selected and copied), metadata from the document's info. Amounts are the domain's
 * integer cents, formatted as the e-mail and the page format them.
 */

/** What pdf-repository.ts stores at most (its test checks the constant); importing it would need a table. */
const MAX_PDF_BYTES = 300 * 1024;
const oneLine = (text: string) => text.replace(/\s+/g, ' ');
/** Amounts as the PDF's text reads them: the no-break space after € comes out as a space. */
const readable = (text: string) => text.replace(/\u00a0/g, ' ');
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the offer PDF (Dutch, the demo agreement)', async () => {
  const agreement = demoAgreement();
  const bytes = await renderOfferPdf(agreement);
  const { text, pages, info } = await pdfContent(bytes);
  const flat = oneLine(text);
  const euro = (cents: number) => readable(formatEuro(cents, 'nl'));

  it('is a PDF of a few pages, small, in Dutch, with a page x of y footer', () => {
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    console.log(`offer PDF of the demo agreement: ${bytes.length} bytes, ${pages.length} pages`);
    expect(bytes.length).toBeLessThan(60 * 1024);
    pages.forEach((page, index) => expect(page).toContain(`Pagina ${index + 1} van ${pages.length}`));
    expect(flat).toContain('Serviceovereenkomst');
  });

  it('carries the totals excl. VAT, the VAT and its percentage, and the total incl. VAT', () => {
    const { exclVatCents, vatCents, inclVatCents, vatPercent } = agreement.totals;
    expect(flat).toContain(`Subtotaal excl. btw ${euro(exclVatCents)}`);
    expect(flat).toContain(`Btw ${formatPercent(vatPercent, 'nl')} ${euro(vatCents)}`);
    expect(flat).toContain(`Totaal incl. btw ${euro(inclVatCents)}`);
    for (const line of agreement.lines) expect(flat).toContain(euro(line.totalCents));
  });

  it('carries the document hash', () => {
    expect(flat).toContain(agreement.documentHash);
    expect(pages.every((page) => page.includes(`Documentkenmerk ${agreement.documentHash}`))).toBe(true);
  });

  it('names the provider: legal name, address, KvK, btw-id, IBAN and the general terms', () => {
    const provider = agreement.provider!;
    for (const part of [
      provider.legalName,
      provider.address.street,
      `${provider.address.postalCode} ${provider.address.city}`,
      provider.address.country,
      `KvK-nummer: ${provider.kvkNumber}`,
      `Btw-id: ${provider.vatId}`,
      `IBAN: ${provider.iban}`,
      provider.termsUrl,
    ]) {
      expect(flat).toContain(part);
    }
  });

  it('names the client: company, KvK, VAT number, contact name and e-mail', () => {
    const { client } = agreement;
    for (const part of [client.companyName, `KvK-nummer: ${client.kvkNumber}`, `Btw-nummer: ${client.vatNumber}`, `Contactpersoon: ${client.contact!.name}`, client.contact!.email]) {
      expect(flat).toContain(part);
    }
  });

  it('shows each line: incident and title, root cause and solution, action, priority, hours, rate, materials', () => {
    for (const line of agreement.lines) {
      expect(flat).toContain(`${line.incidentId} · ${line.title}`);
      expect(flat).toContain(line.rootCause);
      expect(flat).toContain(line.solution);
      for (const material of line.materials) expect(flat).toContain(material.description);
    }
    expect(flat).toContain('Actie: Vervanging · Prioriteit: Hoog · Geschat: 2,5 uur · Te factureren: 2,5 uur · Uurtarief: € 95,00 · Toeslag: +25 %');
    expect(flat).toContain('Versie 2');
    expect(flat).toContain('Opgesteld op 12 november 2026');
    expect(flat).toContain('Geldig tot en met 12 december 2026');
  });

  it('shows a surcharge as "+25 %", and nothing for a line at 100 %', () => {
    // inc-01 is high (125 %), inc-02 normal (100 %): its meta line ends at the rate.
    expect(flat).toContain('Uurtarief: € 95,00 · Toeslag: +25 %');
    expect(flat).toContain('Te factureren: 1,75 uur · Uurtarief: € 95,00 Oorzaak');
    expect(flat).toContain('1,75 uur 1,75 uur € 95,00 € 258,00 € 424,25');
    expect(flat).not.toMatch(/× 100|\+0 ?%|100 ?%/);
  });

  it('has the response and resolution times per priority and the invoicing terms', () => {
    expect(flat).toContain('Kritiek 2 werkuren 8 werkuren +50 %');
    expect(flat).toContain('Normaal 8 werkuren 40 werkuren geen');
    expect(flat).toContain('Facturering Maandelijks');
    expect(flat).toContain('Betalingstermijn 14 dagen na factuurdatum');
  });

  it("sets the document's metadata from the agreement, not from the clock", () => {
    expect(info.Title).toBe(`Serviceovereenkomst ${agreement.client.companyName}, versie 2`);
    expect(info.Author).toBe(EXAMPLE_PROVIDER.legalName);
    expect(info.Language).toBe('nl-NL');
    expect(info.CreationDate).toBe('D:20261112093000Z');
    expect(info.ModDate).toBe('D:20261112093000Z');
    expect(agreementPdfFileName(agreement)).toBe(`overeenkomst-${agreement.onboardingId}-v2.pdf`);
  });
});

describe('a rate card without surcharges', () => {
  it('shows no surcharge anywhere: no "+0 %", no "× 100 %", "geen" in the times table', async () => {
    const flat = { ...DEFAULT_RATE_CARD.priorities };
    for (const priority of Object.keys(flat) as Array<keyof typeof flat>) flat[priority] = { ...flat[priority], surchargePercent: 100 };
    const agreement = demoAgreement({ rateCard: { ...DEFAULT_RATE_CARD, priorities: flat } });
    const text = oneLine((await pdfContent(await renderOfferPdf(agreement))).text);
    expect(text).not.toMatch(/\+\d+ ?%/);
    expect(text).not.toContain('Toeslag:');
    expect(text).toContain('Kritiek 2 werkuren 8 werkuren geen');
  });
});

describe('names in any Latin script', () => {
  it('renders "Łukasz Żółć" and "Ørsted" as text a reader can copy (WinAnsi fonts would throw)', async () => {
    const agreement = demoAgreement({ contactName: 'Łukasz Żółć', companyName: 'Ørsted Søndergaard A/S' });
    const { text } = await pdfContent(await renderOfferPdf(agreement));
    expect(text).toContain('Contactpersoon: Łukasz Żółć');
    expect(text).toContain('Ørsted Søndergaard A/S');
  });

  it('draws what the font lacks as "?" instead of failing', async () => {
    const agreement = demoAgreement({ companyName: 'Bakkerij 🥐 De Korenschoof' });
    const { text } = await pdfContent(await renderOfferPdf(agreement));
    expect(text).toContain('Bakkerij ? De Korenschoof');
  });
});

describe('the offer PDF in English', () => {
  it('is English throughout, with "+25%" and Page x of y', async () => {
    const agreement = demoAgreement({ locale: 'en' });
    const bytes = await renderOfferPdf(agreement);
    const { text, pages, info } = await pdfContent(bytes);
    const flat = oneLine(text);
    expect(flat).toContain('Service agreement');
    expect(flat).toContain(`Total incl. VAT ${readable(formatEuro(agreement.totals.inclVatCents, 'en'))}`);
    expect(flat).toContain('Hourly rate: €95.00 · Surcharge: +25%');
    expect(flat).toContain(`Chamber of Commerce (KvK): ${agreement.client.kvkNumber}`);
    expect(pages[0]).toContain(`Page 1 of ${pages.length}`);
    expect(info.Language).toBe('en-GB');
    expect(agreementPdfFileName(agreement)).toBe(`agreement-${agreement.onboardingId}-v2.pdf`);
  });
});

describe('the decided PDF', async () => {
  const agreement = demoAgreement();
  const offer = await renderOfferPdf(agreement);
  const evidence = sampleEvidence(agreement, { offerPdfSha256: sha256(offer) });
  const decided = await renderDecidedPdf(agreement, evidence);
  const offerContent = await pdfContent(offer);
  const { pages, info } = await pdfContent(decided);
  const last = oneLine(pages.at(-1)!);

  it("is the offer's pages plus one evidence page", () => {
    expect(pages).toHaveLength(offerContent.pages.length + 1);
    // The same agreement text on the same pages; only the header and the page count differ.
    const body = (page: string) => oneLine(page).replace(/Serviceovereenkomst · versie 2( · beslist)?|Pagina \d+ van \d+/g, '');
    expect(pages.slice(0, -1).map(body)).toEqual(offerContent.pages.map(body));
    expect(info.ModDate).toBe('D:20261113140509Z');
  });

  it('ends with the evidence: decision, name, time in Amsterdam, IP, browser, method, document hash, offer PDF hash', () => {
    expect(last).toContain('Bewijs van de beslissing');
    expect(last).toContain('Beslissing Goedgekeurd');
    expect(last).toContain(`Naam ${evidence.name}`);
    expect(last).toContain('Tijdstip 13 november 2026 om 15:05:09 (Nederlandse tijd; 2026-11-13T14:05:09.000Z)');
    expect(last).toContain(`IP-adres ${evidence.ip}`);
    expect(last).toContain(evidence.userAgent);
    expect(last).toContain('Persoonlijke link voor één beslissing, per e-mail gestuurd aan sanne@korenschoof.example');
    expect(last).toContain(`Documentkenmerk (SHA-256) ${agreement.documentHash}`);
    expect(last).toContain(`SHA-256 van de aangeboden pdf ${sha256(offer)}`);
    expect(last).toContain('art. 3:15a BW');
  });

  it("records a decline with the client's comment, and refuses evidence of another version", async () => {
    const declined = await renderDecidedPdf(agreement, sampleEvidence(agreement, { decision: 'decline', comment: 'Te duur voor ons budget.' }));
    const page = oneLine((await pdfContent(declined)).pages.at(-1)!);
    expect(page).toContain('Beslissing Afgewezen');
    expect(page).toContain('Toelichting Te duur voor ons budget.');
    await expect(renderDecidedPdf(agreement, sampleEvidence(agreement, { agreementVersion: 1 }))).rejects.toThrow(/Evidence of/);
  });

  it('is reproducible only as far as this pdf-lib, font and template go: what was sent is stored, not re-rendered', async () => {
    // The same input renders the same bytes today; the stored bytes are the evidence either way.
    expect(sha256(await renderOfferPdf(agreement))).toBe(sha256(offer));
  });
});

describe('the follow-up report PDF', async () => {
  const report = exampleReport();
  const bytes = await renderReportPdf(report, { provider: EXAMPLE_PROVIDER });
  const { text, info } = await pdfContent(bytes);
  const flat = oneLine(text);
  const euro = (cents: number) => readable(formatEuro(cents, 'nl'));

  it("carries the report's totals, its hash and the provider", () => {
    expect(flat).toContain(`Subtotaal excl. btw ${euro(report.totals.exclVatCents)}`);
    expect(flat).toContain(`Btw ${formatPercent(report.totals.vatPercent, 'nl')} ${euro(report.totals.vatCents)}`);
    expect(flat).toContain(`Totaal incl. btw ${euro(report.totals.inclVatCents)}`);
    expect(flat).toContain(report.reportHash);
    expect(flat).toContain(EXAMPLE_PROVIDER.legalName);
    expect(info.Author).toBe(EXAMPLE_PROVIDER.legalName);
    expect(info.CreationDate).toBe(`D:${report.createdAt.replace(/[-:T]/g, '').slice(0, 14)}Z`);
    expect(reportPdfFileName(report)).toBe(`eindrapport-${report.onboardingId}-v1.pdf`);
  });

  it('shows every ticket with its cost, the SLA compliance, the breaches and the open points, as the e-mail does', () => {
    for (const line of report.lines) {
      expect(flat).toContain(line.title);
      expect(flat).toContain(euro(line.totalCents));
    }
    expect(flat).toContain('Reactie- en oplostijden');
    expect(flat).toMatch(/Reactie \d+ \d+ \d+ /);
    if (report.breaches.length > 0) expect(flat).toContain('Overschrijdingen');
    for (const point of report.openPoints.followUps) expect(flat).toContain(point.followUp);
    for (const problem of report.openPoints.refusedProblems) expect(flat).toContain(problem.title);
  });
});

describe('the largest agreements', () => {
  const cases: Array<[string, AgreementSize]> = [
    ['the largest the bounds allow (size-budget.ts)', LARGEST_ALLOWED],
    // Beyond today's bounds: 25 lines with 4000-character findings and 50 materials of 200 characters.
    ['25 lines of 4000-character findings, 50 materials of 200 characters', { findingChars: 4000, materials: 50, materialsPerLine: 50, materialChars: 200, textChars: 200 }],
  ];
  for (const [name, size] of cases) {
    it(`${name}: renders, decided PDF included, under the ${MAX_PDF_BYTES / 1024} KB a PDF item may hold`, async () => {
      const agreement: Agreement = largestAgreement(size);
      const started = Date.now();
      const offer = await renderOfferPdf(agreement);
      const renderMs = Date.now() - started;
      const decided = await renderDecidedPdf(
        agreement,
        sampleEvidence(agreement, { name: 'N'.repeat(200), comment: 'Toelichting '.repeat(333), userAgent: 'Mozilla/5.0 '.repeat(42) }),
      );
      const { pages, text } = await pdfContent(decided);
      console.log(`${name}: offer ${offer.length} bytes (${renderMs} ms), decided ${decided.length} bytes, ${pages.length} pages`);
      expect(offer.length).toBeLessThan(MAX_PDF_BYTES);
      expect(decided.length).toBeLessThan(MAX_PDF_BYTES);
      // Nothing is cut: the last line's solution and last material are there, and the totals.
      const flat = oneLine(text);
      const lastLine = agreement.lines.at(-1)!;
      expect(flat).toContain(oneLine(lastLine.solution!).slice(-300));
      const lastMaterial = agreement.lines.flatMap((line) => line.materials).at(-1)!;
      expect(flat).toContain(oneLine(lastMaterial.description).slice(-60));
      expect(flat).toContain(`Totaal incl. btw ${readable(formatEuro(agreement.totals.inclVatCents, 'nl'))}`);
    }, 60_000);
  }
});
