import type { Locale } from '../../domain/intake';

/** Limits the form announces (maxlength) and the decision handler enforces. */
export const NAME_MAX_LENGTH = 200;
export const COMMENT_MAX_LENGTH = 4000;

/** Validation messages for the agreement form, so the handler shows the client's language. */
export const AGREEMENT_FORM_MESSAGES: Record<
  Locale,
  { nameRequired: string; nameTooLong: string; consentRequired: string; decisionRequired: string; commentRequired: string; commentTooLong: string; changesNotAllowed: string }
> = {
  nl: {
    nameRequired: 'Vul uw naam in.',
    nameTooLong: `Uw naam mag hoogstens ${NAME_MAX_LENGTH} tekens lang zijn.`,
    consentRequired: 'Bevestig dat u de overeenkomst hebt gelezen en bevoegd bent te beslissen.',
    decisionRequired: 'Kies of u de overeenkomst goedkeurt, wijzigingen aanvraagt of afwijst.',
    commentRequired: 'Geef een toelichting: die is verplicht bij afwijzen of wijzigingen aanvragen.',
    commentTooLong: `De toelichting mag hoogstens ${COMMENT_MAX_LENGTH} tekens lang zijn.`,
    changesNotAllowed: 'Bij deze versie kunt u geen wijzigingen meer aanvragen; keur de overeenkomst goed of wijs haar af.',
  },
  en: {
    nameRequired: 'Enter your name.',
    nameTooLong: `Your name can be at most ${NAME_MAX_LENGTH} characters long.`,
    consentRequired: 'Confirm that you have read the agreement and are authorised to decide.',
    decisionRequired: 'Choose whether you approve, request changes or decline.',
    commentRequired: 'Add a comment: it is required when you decline or request changes.',
    commentTooLong: `The comment can be at most ${COMMENT_MAX_LENGTH} characters long.`,
    changesNotAllowed: 'No more changes can be requested on this version; approve or decline the agreement.',
  },
};
