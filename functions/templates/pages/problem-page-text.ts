import type { Impact, Locale } from '../../domain/intake';
import { MAX_INCIDENTS_PER_ONBOARDING, MAX_TICKETS_PER_ROUND, PROBLEM_DESCRIPTION_MAX_LENGTH, PROBLEM_TITLE_MAX_LENGTH, type ProblemRefusal } from '../../domain/problem';

/** A refusal the problem page answers with 409: every bound but 'closed' (that one is a 410). */
export type BoundRefusal = Exclude<ProblemRefusal, 'closed'>;

/** Every sentence of the problem page and its answers, per language; values are filled in by the caller. */
export interface ProblemPageText {
  title: (company: string) => string;
  /** Prefixed to the title when the form has errors: the first thing a screen reader announces. */
  errorTitlePrefix: string;
  heading: string;
  lead: (company: string) => string;
  intro: { monitoring: (until: string) => string; working: string };
  how: string;
  form: {
    heading: string;
    intro: string;
    title: string;
    titleHint: string;
    description: string;
    descriptionHint: string;
    impact: string;
    submit: string;
    errorSummary: string;
  };
  impacts: Record<Impact, { label: string; text: string }>;
  messages: {
    titleRequired: string;
    titleTooLong: string;
    titleOneLine: string;
    descriptionRequired: string;
    descriptionTooLong: string;
    descriptionInvalid: string;
    impactRequired: string;
    submissionInvalid: string;
  };
  received: {
    title: string;
    fact: (problem: string, reference?: string) => string;
    duplicateTitle: string;
    duplicateFact: (problem: string) => string;
    next: string;
    /** Followed by the account manager's address as a link. */
    urgent: string;
    another: string;
  };
  ended: { title: string; fact: string; contact: string; contactEnd: string };
  refused: { title: string; reasons: Record<BoundRefusal, string>; contact: string; noted: string };
}

const nl: ProblemPageText = {
  title: (company) => `Nieuw probleem melden – ${company}`,
  errorTitlePrefix: 'Fout: ',
  heading: 'Een nieuw probleem melden',
  lead: (company) => `Break & Fix-ondersteuning voor ${company}`,
  intro: {
    monitoring: (until) =>
      `De werkzaamheden zijn afgerond en wij houden uw omgeving in de gaten tot ${until}. Merkt u een nieuw probleem, of komt een opgelost probleem terug? Meld het dan hieronder.`,
    working: 'Wij werken op dit moment aan eerder gemelde problemen. Merkt u nog een nieuw probleem? Meld het dan hieronder; wij nemen het mee in de volgende ronde.',
  },
  how: 'Wij maken van uw melding een ticket, en een technicus neemt contact met u op binnen de reactietijd uit uw serviceovereenkomst. Voor het oplossen gelden de tarieven uit die overeenkomst.',
  form: {
    heading: 'Uw melding',
    intro: 'Alle velden zijn verplicht. Na het versturen ziet u direct een bevestiging.',
    title: 'Korte omschrijving',
    titleHint: 'Bijvoorbeeld: de printer op de eerste verdieping drukt niet meer af.',
    description: 'Wat is er aan de hand?',
    descriptionHint: 'Wat gebeurt er, sinds wanneer, en wie of wat heeft er last van? Een foutmelding mag u letterlijk overnemen.',
    impact: 'Hoe groot zijn de gevolgen?',
    submit: 'Probleem melden',
    errorSummary: 'Controleer het formulier',
  },
  impacts: {
    critical: { label: 'Kritiek: het bedrijf ligt stil', text: 'Niemand kan werken, of u kunt uw klanten niet helpen.' },
    high: { label: 'Hoog: belangrijk werk loopt vast', text: 'Een belangrijk systeem of een groep medewerkers kan niet verder, en er is geen goede omweg.' },
    normal: { label: 'Normaal: hinderlijk, maar er is een omweg', text: 'Het werk gaat door, maar trager of omslachtiger dan normaal.' },
    low: { label: 'Laag: een klein ongemak', text: 'Weinig hinder; het oplossen kan op een rustig moment.' },
  },
  messages: {
    titleRequired: 'Geef het probleem een korte omschrijving.',
    titleTooLong: `De korte omschrijving mag hoogstens ${PROBLEM_TITLE_MAX_LENGTH} tekens lang zijn.`,
    titleOneLine: 'De korte omschrijving moet op één regel passen, zonder speciale tekens.',
    descriptionRequired: 'Beschrijf wat er aan de hand is.',
    descriptionTooLong: `De beschrijving mag hoogstens ${PROBLEM_DESCRIPTION_MAX_LENGTH} tekens lang zijn.`,
    descriptionInvalid: 'De beschrijving bevat speciale tekens die wij niet kunnen opslaan. Verwijder ze en probeer het opnieuw.',
    impactRequired: 'Kies hoe groot de gevolgen zijn.',
    submissionInvalid: 'Het formulier was niet compleet. Controleer uw melding en verstuur haar opnieuw.',
  },
  received: {
    title: 'Bedankt, wij hebben uw probleem ontvangen',
    fact: (problem, reference) => `Uw melding „${problem}” is ontvangen${reference ? ` en staat bij ons genoteerd onder ${reference}` : ''}.`,
    duplicateTitle: 'Uw melding was al ontvangen',
    duplicateFact: (problem) => `Uw melding „${problem}” hadden wij al ontvangen, dus er is geen tweede melding aangemaakt.`,
    next: 'Een technicus neemt contact met u op binnen de reactietijd uit uw serviceovereenkomst.',
    urgent: 'Is het dringend? Neem dan ook contact op met uw accountmanager:',
    another: 'Nog een probleem melden',
  },
  ended: {
    title: 'De monitoring is afgelopen',
    fact: 'Via deze link kunt u geen nieuwe problemen meer melden, omdat de monitoring van uw omgeving is afgelopen.',
    contact: 'Hebt u toch een nieuw probleem? Neem dan contact op met uw accountmanager:',
    contactEnd: 'Wij helpen u graag verder.',
  },
  refused: {
    title: 'Wij kunnen deze melding niet via deze link aannemen',
    reasons: {
      'too-many-client-reports': 'Via deze link zijn al zoveel problemen gemeld als zij toestaat.',
      'round-full': `Er wachten al ${MAX_TICKETS_PER_ROUND} gemelde problemen op behandeling. Zodra wij daaraan beginnen, kunt u weer nieuwe problemen melden.`,
      'too-many-incidents': `Voor deze onboarding is het grootste aantal problemen bereikt: ${MAX_INCIDENTS_PER_ONBOARDING}.`,
      'too-many-rounds': 'Alle rondes van werkzaamheden die bij deze onboarding horen, zijn gebruikt.',
    },
    contact: 'Bel of mail uw accountmanager, dan zorgen wij dat uw probleem toch wordt opgepakt:',
    noted: 'Uw melding staat als openstaand punt in het eindrapport.',
  },
};

const en: ProblemPageText = {
  title: (company) => `Report a new problem – ${company}`,
  errorTitlePrefix: 'Error: ',
  heading: 'Report a new problem',
  lead: (company) => `Break & Fix support for ${company}`,
  intro: {
    monitoring: (until) =>
      `The work is complete and we are monitoring your environment until ${until}. If you notice a new problem, or a solved problem comes back, please report it below.`,
    working: 'We are currently working on problems reported earlier. Noticed another new problem? Please report it below; we will take it into the next round.',
  },
  how: 'We turn your report into a ticket, and a technician contacts you within the response time of your service agreement. The rates of that agreement apply to the work.',
  form: {
    heading: 'Your report',
    intro: 'All fields are required. After sending, you will see a confirmation straight away.',
    title: 'Short description',
    titleHint: 'For example: the printer on the first floor no longer prints.',
    description: 'What is wrong?',
    descriptionHint: 'What happens, since when, and who or what is affected? Feel free to copy an error message word for word.',
    impact: 'How serious is the impact?',
    submit: 'Report problem',
    errorSummary: 'Please check the form',
  },
  impacts: {
    critical: { label: 'Critical: the business has come to a standstill', text: 'Nobody can work, or you cannot help your customers.' },
    high: { label: 'High: important work is blocked', text: 'An important system or a group of employees cannot continue, and there is no good workaround.' },
    normal: { label: 'Normal: a nuisance, but there is a workaround', text: 'Work goes on, but slower or more awkwardly than usual.' },
    low: { label: 'Low: a minor inconvenience', text: 'Little trouble; it can be fixed at a quiet moment.' },
  },
  messages: {
    titleRequired: 'Give the problem a short description.',
    titleTooLong: `The short description can be at most ${PROBLEM_TITLE_MAX_LENGTH} characters long.`,
    titleOneLine: 'The short description must fit on one line, without special characters.',
    descriptionRequired: 'Describe what is wrong.',
    descriptionTooLong: `The description can be at most ${PROBLEM_DESCRIPTION_MAX_LENGTH} characters long.`,
    descriptionInvalid: 'The description contains special characters we cannot store. Please remove them and try again.',
    impactRequired: 'Choose how serious the impact is.',
    submissionInvalid: 'The form was incomplete. Please check your report and send it again.',
  },
  received: {
    title: 'Thank you, we have received your problem',
    fact: (problem, reference) => `Your report “${problem}” has been received${reference ? ` and is registered with us as ${reference}` : ''}.`,
    duplicateTitle: 'Your report had already been received',
    duplicateFact: (problem) => `We had already received your report “${problem}”, so no second report has been filed.`,
    next: 'A technician will contact you within the response time of your service agreement.',
    urgent: 'Is it urgent? Please also contact your account manager:',
    another: 'Report another problem',
  },
  ended: {
    title: 'Monitoring has ended',
    fact: 'You can no longer report new problems through this link, because the monitoring of your environment has ended.',
    contact: 'Do you have a new problem after all? Please contact your account manager:',
    contactEnd: 'We will gladly help you further.',
  },
  refused: {
    title: 'We cannot accept this report through this link',
    reasons: {
      'too-many-client-reports': 'This link has already taken as many reports as it allows.',
      'round-full': `${MAX_TICKETS_PER_ROUND} reported problems are already waiting to be handled. As soon as we start on them, you can report new problems again.`,
      'too-many-incidents': `This onboarding has reached the largest number of problems it takes: ${MAX_INCIDENTS_PER_ONBOARDING}.`,
      'too-many-rounds': 'All rounds of work that belong to this onboarding have been used.',
    },
    contact: 'Please call or e-mail your account manager, who will make sure your problem is picked up:',
    noted: 'Your report is listed as an open point in the final report.',
  },
};

export const PROBLEM_PAGE_TEXT: Record<Locale, ProblemPageText> = { nl, en };
