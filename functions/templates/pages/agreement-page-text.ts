import type { Locale } from '../../domain/intake';
import type { Decision } from '../format';

/** Every sentence of the agreement page in one place per language; values are filled in by the caller. */
export interface AgreementPageText {
  title: (company: string) => string;
  /** Prefixed to the title when the form has errors: the first thing a screen reader announces. */
  errorTitlePrefix: string;
  heading: string;
  lead: (company: string) => string;
  intro: string;
  facts: { reference: string; version: string; createdAt: string; validUntil: string; total: string; kvk: string; vat: string };
  /** The link to this version as a PDF (GET /agreements/{token}/pdf). */
  pdf: { link: string; hint: string };
  parties: {
    heading: string;
    provider: string;
    client: string;
    address: string;
    kvk: string;
    vatId: string;
    vatNumber: string;
    iban: string;
    contact: string;
  };
  work: {
    heading: string;
    caption: (increment: string) => string;
    columns: { item: string; priority: string; estimated: string; billable: string; rate: string; labour: string; materials: string; total: string };
    noMaterials: string;
  };
  /** Per line, what the analysts found and propose, and its materials in full. */
  details: {
    heading: string;
    intro: string;
    rootCause: string;
    solution: string;
    materials: string;
    materialColumns: { description: string; quantity: string; unitCost: string; total: string };
    noMaterials: string;
    lineTotal: string;
  };
  totals: { exclVat: string; vat: (percent: string) => string; inclVat: string };
  responseTimes: { heading: string; intro: string; columns: { priority: string; responseTime: string; resolutionTime: string; surcharge: string }; noSurcharge: string };
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
    generalTermsValue: (provider: string) => string;
  };
  documentId: { label: string; explanation: string };
  form: {
    heading: string;
    intro: string;
    name: string;
    consent: (company: string) => string;
    decision: string;
    choices: Record<Decision, { label: string; text: string }>;
    comment: string;
    commentHint: string;
    submit: string;
    errorSummary: string;
  };
}

const nl: AgreementPageText = {
  title: (company) => `Serviceovereenkomst – ${company}`,
  errorTitlePrefix: 'Fout: ',
  heading: 'Serviceovereenkomst',
  lead: (company) => `Break & Fix-ondersteuning voor ${company}`,
  intro:
    'Op basis van onze analyse van de gemelde problemen hebben wij de onderstaande serviceovereenkomst opgesteld. Lees haar rustig door en geef onderaan deze pagina uw beslissing door.',
  facts: {
    reference: 'Referentie',
    version: 'Versie',
    createdAt: 'Opgesteld op',
    validUntil: 'Geldig tot en met',
    total: 'Totaal incl. btw',
    kvk: 'KvK-nummer',
    vat: 'Btw-nummer',
  },
  pdf: { link: 'PDF downloaden', hint: 'Deze versie van de overeenkomst als PDF, om te bewaren of af te drukken.' },
  parties: {
    heading: 'Partijen',
    provider: 'Opdrachtnemer',
    client: 'Opdrachtgever',
    address: 'Adres',
    kvk: 'KvK-nummer',
    vatId: 'Btw-identificatienummer',
    vatNumber: 'Btw-nummer',
    iban: 'IBAN (voor betaling van facturen)',
    contact: 'Contactpersoon',
  },
  work: {
    heading: 'Werkzaamheden',
    caption: (increment) =>
      `Per gemeld probleem: de geschatte tijd, de te factureren tijd (afgerond op blokken van ${increment}), het uurtarief met de toeslag voor de prioriteit als die er is, en de kosten. Bedragen in euro, exclusief btw.`,
    columns: {
      item: 'Probleem en actie',
      priority: 'Prioriteit',
      estimated: 'Geschat',
      billable: 'Te factureren',
      rate: 'Uurtarief',
      labour: 'Arbeid',
      materials: 'Materialen',
      total: 'Totaal',
    },
    noMaterials: 'Geen materialen',
  },
  details: {
    heading: 'Toelichting per probleem',
    intro: 'Per probleem wat onze analisten hebben gevonden, hoe wij het oplossen en welke materialen daarvoor nodig zijn.',
    rootCause: 'Oorzaak',
    solution: 'Oplossing',
    materials: 'Materialen',
    materialColumns: { description: 'Omschrijving', quantity: 'Aantal', unitCost: 'Prijs per stuk', total: 'Totaal' },
    noMaterials: 'Geen materialen nodig.',
    lineTotal: 'Totaal voor dit probleem (excl. btw)',
  },
  totals: { exclVat: 'Subtotaal excl. btw', vat: (percent) => `Btw ${percent}`, inclVat: 'Totaal incl. btw' },
  responseTimes: {
    heading: 'Reactie- en oplostijden',
    intro:
      'Wij reageren op een melding binnen de reactietijd en lossen het probleem op binnen de oplostijd die bij de prioriteit hoort, beide gerekend vanaf het aanmaken van het ticket. Werkuren zijn maandag tot en met vrijdag van 08:30 tot 17:30 (Nederlandse tijd), behalve op Nederlandse feestdagen; de klok staat stil zolang wij op u wachten. Voor werk met een hogere prioriteit geldt een toeslag op het uurtarief.',
    columns: { priority: 'Prioriteit', responseTime: 'Reactietijd', resolutionTime: 'Oplostijd', surcharge: 'Toeslag' },
    noSurcharge: 'Geen',
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
    validityValue: (date) => `U kunt dit aanbod tot en met ${date} goedkeuren.`,
    generalTerms: 'Algemene voorwaarden',
    generalTermsValue: (provider) => `Op deze overeenkomst zijn de algemene voorwaarden van ${provider} van toepassing:`,
  },
  documentId: {
    label: 'Documentkenmerk (SHA-256)',
    explanation: 'Dit kenmerk legt precies deze versie van de overeenkomst vast en wordt bij uw beslissing bewaard.',
  },
  form: {
    heading: 'Uw beslissing',
    intro: 'Via deze link kunt u één keer beslissen. Na het versturen ziet u direct een bevestiging.',
    name: 'Uw volledige naam',
    consent: (company) => `Ik heb de overeenkomst gelezen en ben bevoegd te beslissen namens ${company}`,
    decision: 'Wat is uw beslissing?',
    choices: {
      approve: { label: 'Goedkeuren', text: 'U gaat akkoord met deze overeenkomst. Wij maken tickets aan en plannen de werkzaamheden in.' },
      'request-changes': {
        label: 'Wijzigingen aanvragen',
        text: 'Onze analisten passen de overeenkomst aan op basis van uw toelichting. U ontvangt daarna een nieuwe versie.',
      },
      decline: { label: 'Afwijzen', text: 'U gaat niet akkoord. Wij voeren geen werkzaamheden uit en uw accountmanager ontvangt uw toelichting.' },
    },
    comment: 'Toelichting (verplicht bij afwijzen of wijzigingen aanvragen)',
    commentHint: 'Bij wijzigingen: beschrijf wat u anders wilt. Bij afwijzen: laat ons weten waarom.',
    submit: 'Beslissing versturen',
    errorSummary: 'Controleer het formulier',
  },
};

const en: AgreementPageText = {
  title: (company) => `Service agreement – ${company}`,
  errorTitlePrefix: 'Error: ',
  heading: 'Service agreement',
  lead: (company) => `Break & Fix support for ${company}`,
  intro:
    'Based on our analysis of the problems you reported, we drew up the service agreement below. Please read it carefully and give your decision at the bottom of this page.',
  facts: {
    reference: 'Reference',
    version: 'Version',
    createdAt: 'Drawn up on',
    validUntil: 'Valid until (inclusive)',
    total: 'Total incl. VAT',
    kvk: 'Chamber of Commerce (KvK) number',
    vat: 'VAT number',
  },
  pdf: { link: 'Download PDF', hint: 'This version of the agreement as a PDF, to keep or print.' },
  parties: {
    heading: 'Parties',
    provider: 'Service provider',
    client: 'Client',
    address: 'Address',
    kvk: 'Chamber of Commerce (KvK) number',
    vatId: 'VAT identification number',
    vatNumber: 'VAT number',
    iban: 'IBAN (for paying invoices)',
    contact: 'Contact',
  },
  work: {
    heading: 'Work',
    caption: (increment) =>
      `Per reported problem: the estimated time, the billable time (rounded up to blocks of ${increment}), the hourly rate with the priority's surcharge if there is one, and the cost. Amounts in euro, excluding VAT.`,
    columns: {
      item: 'Problem and action',
      priority: 'Priority',
      estimated: 'Estimated',
      billable: 'Billable',
      rate: 'Hourly rate',
      labour: 'Labour',
      materials: 'Materials',
      total: 'Total',
    },
    noMaterials: 'No materials',
  },
  details: {
    heading: 'Details per problem',
    intro: 'Per problem what our analysts found, how we will solve it and which materials that takes.',
    rootCause: 'Root cause',
    solution: 'Solution',
    materials: 'Materials',
    materialColumns: { description: 'Description', quantity: 'Quantity', unitCost: 'Unit price', total: 'Total' },
    noMaterials: 'No materials needed.',
    lineTotal: 'Total for this problem (excl. VAT)',
  },
  totals: { exclVat: 'Subtotal excl. VAT', vat: (percent) => `VAT ${percent}`, inclVat: 'Total incl. VAT' },
  responseTimes: {
    heading: 'Response and resolution times',
    intro:
      'We respond to a report within the response time and resolve the problem within the resolution time that belong to its priority, both counted from when the ticket is created. Business hours are Monday to Friday, 08:30 to 17:30 (Dutch time), except on Dutch public holidays; the clock stops while we wait for you. Work of a higher priority carries a surcharge on the hourly rate.',
    columns: { priority: 'Priority', responseTime: 'Response time', resolutionTime: 'Resolution time', surcharge: 'Surcharge' },
    noSurcharge: 'None',
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
    validityValue: (date) => `You can approve this offer up to and including ${date}.`,
    generalTerms: 'General terms and conditions',
    generalTermsValue: (provider) => `The general terms and conditions of ${provider} apply to this agreement:`,
  },
  documentId: {
    label: 'Document fingerprint (SHA-256)',
    explanation: 'This fingerprint identifies exactly this version of the agreement and is stored with your decision.',
  },
  form: {
    heading: 'Your decision',
    intro: 'You can decide once through this link. After sending, you will see a confirmation straight away.',
    name: 'Your full name',
    consent: (company) => `I have read the agreement and am authorised to decide on behalf of ${company}`,
    decision: 'What is your decision?',
    choices: {
      approve: { label: 'Approve', text: 'You accept this agreement. We create tickets and schedule the work.' },
      'request-changes': {
        label: 'Request changes',
        text: 'Our analysts revise the agreement based on your comment. You will then receive a new version.',
      },
      decline: { label: 'Decline', text: 'You do not accept. We carry out no work and your account manager receives your comment.' },
    },
    comment: 'Comment (required when you decline or request changes)',
    commentHint: 'For changes: describe what you would like to be different. When declining: let us know why.',
    submit: 'Send decision',
    errorSummary: 'Please check the form',
  },
};

export const AGREEMENT_PAGE_TEXT: Record<Locale, AgreementPageText> = { nl, en };
