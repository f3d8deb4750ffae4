import type { Locale } from '../../domain/intake';
import type { LinkPurpose } from '../../domain/link-token';

/** Every sentence of the agreement PDF (offer and decided), per language; values are filled in by the caller. */
export interface AgreementPdfText {
  documentTitle: (company: string, version: number) => string;
  chromeTitle: (version: number) => string;
  fileName: (onboardingId: string, version: number) => string;
  heading: string;
  lead: (company: string) => string;
  intro: string;
  parties: { provider: string; client: string; kvk: string; vat: string; vatId: string; iban: string; contact: string; terms: string };
  facts: { reference: string; version: string; createdAt: string; validUntil: string; total: string; released: string };
  overview: {
    heading: string;
    caption: (increment: string) => string;
    columns: { item: string; estimated: string; billable: string; rate: string; surcharge: string; materials: string; total: string };
  };
  totals: { exclVat: string; vat: (percent: string) => string; inclVat: string };
  lines: {
    heading: string;
    meta: { action: string; priority: string; estimated: string; billable: string; rate: string; surcharge: string };
    rootCause: string;
    solution: string;
    notRecorded: string;
    materials: { heading: string; description: string; quantity: string; unit: string; total: string; none: string };
    arithmetic: (labour: string, materials: string, total: string) => string;
    labour: (hours: string, rate: string, surcharge: string, amount: string) => string;
  };
  times: { heading: string; intro: string; columns: { priority: string; response: string; resolution: string; surcharge: string }; none: string };
  terms: {
    heading: string;
    hourlyRate: string;
    hourlyRateValue: (amount: string) => string;
    invoicing: string;
    paymentTerm: string;
    paymentTermValue: (days: string) => string;
    increment: string;
    incrementValue: (minutes: string) => string;
    materials: string;
    materialsValue: string;
    vat: string;
    validity: string;
    validityValue: (date: string) => string;
    generalTerms: string;
    generalTermsValue: (url: string) => string;
  };
  documentId: { heading: string; explanation: string };
  footer: (hash: string) => string;
  pageOf: (page: number, pages: number) => string;
  evidence: {
    heading: string;
    intro: (company: string) => string;
    decision: string;
    name: string;
    comment: string;
    at: string;
    atValue: (local: string, utc: string) => string;
    ip: string;
    userAgent: string;
    method: string;
    methodValue: Record<LinkPurpose, (email: string | undefined) => string>;
    agreement: string;
    agreementValue: (reference: string, version: number) => string;
    documentHash: string;
    offerPdf: string;
    offerPdfNone: string;
    retainUntil: string;
    legal: string;
  };
  decidedTitle: (version: number) => string;
}

const nl: AgreementPdfText = {
  documentTitle: (company, version) => `Serviceovereenkomst ${company}, versie ${version}`,
  chromeTitle: (version) => `Serviceovereenkomst · versie ${version}`,
  fileName: (onboardingId, version) => `overeenkomst-${onboardingId}-v${version}.pdf`,
  heading: 'Serviceovereenkomst',
  lead: (company) => `Break & Fix-ondersteuning voor ${company}`,
  intro:
    'Op basis van onze analyse van de gemelde problemen bieden wij de onderstaande werkzaamheden aan, tegen de genoemde tarieven en voorwaarden. U beslist via de persoonlijke link in onze e-mail.',
  parties: {
    provider: 'Opdrachtnemer',
    client: 'Opdrachtgever',
    kvk: 'KvK-nummer',
    vat: 'Btw-nummer',
    vatId: 'Btw-id',
    iban: 'IBAN',
    contact: 'Contactpersoon',
    terms: 'Algemene voorwaarden',
  },
  facts: {
    reference: 'Referentie',
    version: 'Versie',
    createdAt: 'Opgesteld op',
    validUntil: 'Geldig tot en met',
    total: 'Totaal incl. btw',
    released: 'Vrijgegeven op',
  },
  overview: {
    heading: 'Overzicht van de werkzaamheden',
    caption: (increment) =>
      `Per gemeld probleem: de geschatte en de te factureren tijd (naar boven afgerond op blokken van ${increment}), het uurtarief, de toeslag voor de prioriteit, de materialen en het totaal. Bedragen in euro, exclusief btw.`,
    columns: { item: 'Probleem', estimated: 'Geschat', billable: 'Te factureren', rate: 'Uurtarief', surcharge: 'Toeslag', materials: 'Materialen', total: 'Totaal' },
  },
  totals: { exclVat: 'Subtotaal excl. btw', vat: (percent) => `Btw ${percent}`, inclVat: 'Totaal incl. btw' },
  lines: {
    heading: 'Werkzaamheden per probleem',
    meta: { action: 'Actie', priority: 'Prioriteit', estimated: 'Geschat', billable: 'Te factureren', rate: 'Uurtarief', surcharge: 'Toeslag' },
    rootCause: 'Oorzaak',
    solution: 'Oplossing',
    notRecorded: 'Niet vastgelegd in deze versie.',
    materials: { heading: 'Materialen', description: 'Omschrijving', quantity: 'Aantal', unit: 'Per stuk', total: 'Totaal', none: 'Geen materialen.' },
    arithmetic: (labour, materials, total) => `Arbeid: ${labour}; materialen: ${materials}; totaal: ${total} (excl. btw)`,
    labour: (hours, rate, surcharge, amount) => `${hours} × ${rate}${surcharge ? ` ${surcharge}` : ''} = ${amount}`,
  },
  times: {
    heading: 'Reactie- en oplostijden',
    intro:
      'Wij reageren op een melding binnen de reactietijd en lossen het probleem op binnen de oplostijd die bij de prioriteit hoort, beide gerekend vanaf het aanmaken van het ticket. Werkuren zijn maandag tot en met vrijdag van 08:30 tot 17:30 (Nederlandse tijd), behalve op Nederlandse feestdagen; de klok staat stil zolang wij op u wachten.',
    columns: { priority: 'Prioriteit', response: 'Reactietijd', resolution: 'Oplostijd', surcharge: 'Toeslag op het uurtarief' },
    none: 'geen',
  },
  terms: {
    heading: 'Facturering en voorwaarden',
    hourlyRate: 'Uurtarief',
    hourlyRateValue: (amount) => `${amount} exclusief btw`,
    invoicing: 'Facturering',
    paymentTerm: 'Betalingstermijn',
    paymentTermValue: (days) => `${days} na factuurdatum`,
    increment: 'Minimale tijdseenheid',
    incrementValue: (minutes) => `Werk wordt gefactureerd per ${minutes}, naar boven afgerond.`,
    materials: 'Materialen',
    materialsValue: 'Tegen kostprijs doorberekend.',
    vat: 'Btw',
    validity: 'Geldigheid',
    validityValue: (date) => `Dit aanbod kan tot en met ${date} worden goedgekeurd.`,
    generalTerms: 'Algemene voorwaarden',
    generalTermsValue: (url) => `Op deze overeenkomst zijn onze algemene voorwaarden van toepassing: ${url}`,
  },
  documentId: {
    heading: 'Documentkenmerk (SHA-256)',
    explanation: 'Dit kenmerk legt precies deze versie van de overeenkomst vast en wordt bij uw beslissing bewaard.',
  },
  footer: (hash) => `Documentkenmerk ${hash}`,
  pageOf: (page, pages) => `Pagina ${page} van ${pages}`,
  evidence: {
    heading: 'Bewijs van de beslissing',
    intro: (company) => `Deze pagina legt vast hoe en door wie namens ${company} over deze versie van de overeenkomst is beslist.`,
    decision: 'Beslissing',
    name: 'Naam',
    comment: 'Toelichting',
    at: 'Tijdstip',
    atValue: (local, utc) => `${local} (Nederlandse tijd; ${utc})`,
    ip: 'IP-adres',
    userAgent: 'Browser (user agent)',
    method: 'Methode',
    methodValue: {
      'agreement-decision': (email) =>
        `Persoonlijke link voor één beslissing, per e-mail gestuurd${email ? ` aan ${email}` : ' aan de contactpersoon'}; de beslisser vulde de eigen naam in en bevestigde bevoegd te zijn.`,
      'problem-report': () => 'Persoonlijke link voor het melden van problemen.',
      feedback: () => 'Persoonlijke link voor een beoordeling.',
    },
    agreement: 'Overeenkomst',
    agreementValue: (reference, version) => `${reference}, versie ${version}`,
    documentHash: 'Documentkenmerk (SHA-256)',
    offerPdf: 'SHA-256 van de aangeboden pdf',
    offerPdfNone: 'Bij deze versie is geen pdf verstuurd.',
    retainUntil: 'Bewaard tot',
    legal:
      'De beslissing is gegeven met een gewone elektronische handtekening in de zin van art. 3:15a BW; de methode hierboven (een persoonlijke link, alleen aan de contactpersoon gestuurd, met naam, tijdstip, IP-adres, browser en het kenmerk van precies deze versie vastgelegd) is gezien het doel voldoende betrouwbaar.',
  },
  decidedTitle: (version) => `Serviceovereenkomst · versie ${version} · beslist`,
};

const en: AgreementPdfText = {
  documentTitle: (company, version) => `Service agreement ${company}, version ${version}`,
  chromeTitle: (version) => `Service agreement · version ${version}`,
  fileName: (onboardingId, version) => `agreement-${onboardingId}-v${version}.pdf`,
  heading: 'Service agreement',
  lead: (company) => `Break & Fix support for ${company}`,
  intro:
    'Based on our analysis of the problems you reported, we offer the work below at the rates and on the terms stated. You decide through the personal link in our e-mail.',
  parties: {
    provider: 'Service provider',
    client: 'Client',
    kvk: 'Chamber of Commerce (KvK)',
    vat: 'VAT number',
    vatId: 'VAT id',
    iban: 'IBAN',
    contact: 'Contact',
    terms: 'General terms',
  },
  facts: {
    reference: 'Reference',
    version: 'Version',
    createdAt: 'Drawn up on',
    validUntil: 'Valid until (inclusive)',
    total: 'Total incl. VAT',
    released: 'Released on',
  },
  overview: {
    heading: 'Overview of the work',
    caption: (increment) =>
      `Per reported problem: the estimated and the billable time (rounded up to blocks of ${increment}), the hourly rate, the priority's surcharge, the materials and the total. Amounts in euro, excluding VAT.`,
    columns: { item: 'Problem', estimated: 'Estimated', billable: 'Billable', rate: 'Hourly rate', surcharge: 'Surcharge', materials: 'Materials', total: 'Total' },
  },
  totals: { exclVat: 'Subtotal excl. VAT', vat: (percent) => `VAT ${percent}`, inclVat: 'Total incl. VAT' },
  lines: {
    heading: 'Work per problem',
    meta: { action: 'Action', priority: 'Priority', estimated: 'Estimated', billable: 'Billable', rate: 'Hourly rate', surcharge: 'Surcharge' },
    rootCause: 'Root cause',
    solution: 'Solution',
    notRecorded: 'Not recorded in this version.',
    materials: { heading: 'Materials', description: 'Description', quantity: 'Quantity', unit: 'Per unit', total: 'Total', none: 'No materials.' },
    arithmetic: (labour, materials, total) => `Labour: ${labour}; materials: ${materials}; total: ${total} (excl. VAT)`,
    labour: (hours, rate, surcharge, amount) => `${hours} × ${rate}${surcharge ? ` ${surcharge}` : ''} = ${amount}`,
  },
  times: {
    heading: 'Response and resolution times',
    intro:
      'We respond to a report within the response time and resolve the problem within the resolution time that belong to its priority, both counted from when the ticket is created. Business hours are Monday to Friday, 08:30 to 17:30 (Dutch time), except on Dutch public holidays; the clock stops while we wait for you.',
    columns: { priority: 'Priority', response: 'Response time', resolution: 'Resolution time', surcharge: 'Surcharge on the hourly rate' },
    none: 'none',
  },
  terms: {
    heading: 'Invoicing and terms',
    hourlyRate: 'Hourly rate',
    hourlyRateValue: (amount) => `${amount} excluding VAT`,
    invoicing: 'Invoicing',
    paymentTerm: 'Payment term',
    paymentTermValue: (days) => `${days} from the invoice date`,
    increment: 'Minimum billable increment',
    incrementValue: (minutes) => `Work is billed in blocks of ${minutes}, rounded up.`,
    materials: 'Materials',
    materialsValue: 'Charged at cost.',
    vat: 'VAT',
    validity: 'Validity',
    validityValue: (date) => `This offer can be approved up to and including ${date}.`,
    generalTerms: 'General terms',
    generalTermsValue: (url) => `Our general terms apply to this agreement: ${url}`,
  },
  documentId: {
    heading: 'Document fingerprint (SHA-256)',
    explanation: 'This fingerprint identifies exactly this version of the agreement and is stored with your decision.',
  },
  footer: (hash) => `Document fingerprint ${hash}`,
  pageOf: (page, pages) => `Page ${page} of ${pages}`,
  evidence: {
    heading: 'Evidence of the decision',
    intro: (company) => `This page records how and by whom this version of the agreement was decided on behalf of ${company}.`,
    decision: 'Decision',
    name: 'Name',
    comment: 'Comment',
    at: 'Time',
    atValue: (local, utc) => `${local} (Dutch time; ${utc})`,
    ip: 'IP address',
    userAgent: 'Browser (user agent)',
    method: 'Method',
    methodValue: {
      'agreement-decision': (email) =>
        `Personal link for one decision, e-mailed${email ? ` to ${email}` : ' to the contact'}; the person deciding entered their name and confirmed their authority.`,
      'problem-report': () => 'Personal link for reporting problems.',
      feedback: () => 'Personal link for a rating.',
    },
    agreement: 'Agreement',
    agreementValue: (reference, version) => `${reference}, version ${version}`,
    documentHash: 'Document fingerprint (SHA-256)',
    offerPdf: 'SHA-256 of the PDF offered',
    offerPdfNone: 'No PDF was sent with this version.',
    retainUntil: 'Kept until',
    legal:
      'The decision was given with a simple electronic signature within the meaning of art. 3:15a of the Dutch Civil Code (BW); the method above (a personal link sent only to the contact, recording the name, time, IP address, browser and the fingerprint of exactly this version) is reliable enough for its purpose.',
  },
  decidedTitle: (version) => `Service agreement · version ${version} · decided`,
};

export const AGREEMENT_PDF_TEXT: Record<Locale, AgreementPdfText> = { nl, en };
