import { FEEDBACK_COMMENT_MAX_LENGTH, type FeedbackScore } from '../../domain/client-link';
import type { Locale } from '../../domain/intake';

/** Every sentence of the feedback page and its answers, per language; values are filled in by the caller. */
export interface FeedbackPageText {
  title: (company: string) => string;
  /** Prefixed to the title when the form has errors: the first thing a screen reader announces. */
  errorTitlePrefix: string;
  heading: string;
  lead: (company: string) => string;
  intro: string;
  form: {
    heading: string;
    intro: string;
    score: string;
    scoreHint: string;
    comment: string;
    commentHint: string;
    submit: string;
    errorSummary: string;
  };
  /** 1 = very dissatisfied … 5 = very satisfied. */
  scores: Record<FeedbackScore, string>;
  messages: { scoreRequired: string; commentTooLong: string; commentInvalid: string };
  given: {
    receivedTitle: string;
    alreadyTitle: string;
    secondTitle: string;
    facts: { score: string; scoreValue: (score: number) => string; verdict: string; at: string };
    comment: string;
    thanks: string;
    once: string;
    nothingChanged: string;
    /** Followed by the account manager's address as a link. */
    more: string;
  };
  expired: { title: string; fact: string; contact: string };
}

const nl: FeedbackPageText = {
  title: (company) => `Uw feedback – ${company}`,
  errorTitlePrefix: 'Fout: ',
  heading: 'Hoe tevreden bent u?',
  lead: (company) => `Break & Fix-ondersteuning voor ${company}`,
  intro: 'De werkzaamheden zijn afgerond en u hebt ons eindrapport ontvangen. Wij horen graag hoe u onze ondersteuning hebt ervaren: dat helpt ons beter te worden.',
  form: {
    heading: 'Uw beoordeling',
    intro: 'Via deze link kunt u één keer feedback geven. Het kost u minder dan een minuut.',
    score: 'Welk cijfer geeft u onze ondersteuning?',
    scoreHint: '1 is zeer ontevreden, 5 is zeer tevreden.',
    comment: 'Toelichting (niet verplicht)',
    commentHint: `Wat ging goed, en wat kan beter? Hoogstens ${FEEDBACK_COMMENT_MAX_LENGTH} tekens.`,
    submit: 'Feedback versturen',
    errorSummary: 'Controleer het formulier',
  },
  scores: { 1: 'Zeer ontevreden', 2: 'Ontevreden', 3: 'Neutraal', 4: 'Tevreden', 5: 'Zeer tevreden' },
  messages: {
    scoreRequired: 'Kies een cijfer van 1 tot en met 5.',
    commentTooLong: `De toelichting mag hoogstens ${FEEDBACK_COMMENT_MAX_LENGTH} tekens lang zijn.`,
    commentInvalid: 'De toelichting bevat speciale tekens die wij niet kunnen opslaan. Verwijder ze en probeer het opnieuw.',
  },
  given: {
    receivedTitle: 'Bedankt voor uw feedback',
    alreadyTitle: 'Bedankt voor uw feedback',
    secondTitle: 'U hebt uw feedback al gegeven',
    facts: { score: 'Uw cijfer', scoreValue: (score) => `${score} van 5`, verdict: 'Uw oordeel', at: 'Gegeven op' },
    comment: 'Uw toelichting',
    thanks: 'Uw accountmanager leest uw feedback en neemt contact met u op als daar aanleiding voor is.',
    once: 'Via deze link kunt u één keer feedback geven.',
    nothingChanged: 'Via deze link kunt u één keer feedback geven, dus er is niets gewijzigd.',
    more: 'Wilt u nog iets kwijt? Mail dan uw accountmanager:',
  },
  expired: {
    title: 'Deze link is verlopen',
    fact: 'De termijn om via deze link feedback te geven is verstreken.',
    contact: 'Wilt u ons toch iets laten weten? Mail dan uw accountmanager:',
  },
};

const en: FeedbackPageText = {
  title: (company) => `Your feedback – ${company}`,
  errorTitlePrefix: 'Error: ',
  heading: 'How satisfied are you?',
  lead: (company) => `Break & Fix support for ${company}`,
  intro: 'The work is complete and you have received our final report. We would like to hear how you experienced our support: it helps us get better.',
  form: {
    heading: 'Your rating',
    intro: 'You can give feedback once through this link. It takes less than a minute.',
    score: 'What score do you give our support?',
    scoreHint: '1 is very dissatisfied, 5 is very satisfied.',
    comment: 'Comment (optional)',
    commentHint: `What went well, and what could be better? At most ${FEEDBACK_COMMENT_MAX_LENGTH} characters.`,
    submit: 'Send feedback',
    errorSummary: 'Please check the form',
  },
  scores: { 1: 'Very dissatisfied', 2: 'Dissatisfied', 3: 'Neutral', 4: 'Satisfied', 5: 'Very satisfied' },
  messages: {
    scoreRequired: 'Choose a score from 1 to 5.',
    commentTooLong: `The comment can be at most ${FEEDBACK_COMMENT_MAX_LENGTH} characters long.`,
    commentInvalid: 'The comment contains special characters we cannot store. Please remove them and try again.',
  },
  given: {
    receivedTitle: 'Thank you for your feedback',
    alreadyTitle: 'Thank you for your feedback',
    secondTitle: 'You have already given your feedback',
    facts: { score: 'Your score', scoreValue: (score) => `${score} out of 5`, verdict: 'Your verdict', at: 'Given on' },
    comment: 'Your comment',
    thanks: 'Your account manager reads your feedback and will contact you if there is reason to.',
    once: 'You can give feedback once through this link.',
    nothingChanged: 'You can give feedback once through this link, so nothing has been changed.',
    more: 'Anything else you would like to tell us? Please e-mail your account manager:',
  },
  expired: {
    title: 'This link has expired',
    fact: 'The period for giving feedback through this link has ended.',
    contact: 'Would you still like to tell us something? Please e-mail your account manager:',
  },
};

export const FEEDBACK_PAGE_TEXT: Record<Locale, FeedbackPageText> = { nl, en };
