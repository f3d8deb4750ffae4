import type { DeliveryProblem } from '../../domain/delivery-problem';
import type { Contact } from '../../domain/intake';
import type { Onboarding } from '../../domain/onboarding';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { onboardingFacts } from './agreement-email-parts';
import { formatDateTime, type RenderedEmail } from './layout';

const ROLE_NL: Record<Contact['role'], string> = {
  primary: 'de primaire contactpersoon',
  billing: 'de contactpersoon voor facturatie',
  technical: 'de technische contactpersoon',
};

/**
 * To the account manager (Dutch): a client contact's address bounced permanently or the contact
 * marked our e-mail as spam, so SES now suppresses it and the contact gets none of our e-mail
 * (links to the agreement, reminders, the report) until someone acts.
 */
export function contactUndeliverableNotice(input: {
  onboarding: Onboarding;
  contact: Contact;
  problem: DeliveryProblem;
  apiUrl: string;
  /** The account manager's own address is suppressed too: this goes to operations, who pass it on. */
  accountManagerUnreachable?: boolean;
}): RenderedEmail {
  const { onboarding, contact, problem } = input;
  const company = onboarding.client.companyName;
  const who = `${contact.name} (${ROLE_NL[contact.role]})`;
  const subject =
    problem.reason === 'BOUNCE' ? `E-mail aan ${company} komt niet aan: adres van ${contact.name} geweigerd` : `${contact.name} van ${company} heeft onze e-mail als spam gemeld`;
  const what =
    problem.reason === 'BOUNCE'
      ? `Een e-mail aan ${who} van ${company} is op ${formatDateTime(problem.at, 'nl')} blijvend geweigerd door de mailserver van de ontvanger (${contact.email}).`
      : `${who} van ${company} heeft op ${formatDateTime(problem.at, 'nl')} een e-mail van ons als spam gemarkeerd (${contact.email}).`;
  const blocks: Block[] = [
    ...(input.accountManagerUnreachable
      ? [paragraph(`Voor operations: het adres van de accountmanager (${onboarding.accountManager.email}) staat ook op de onderdrukkingslijst. Breng de accountmanager op een andere manier op de hoogte.`)]
      : []),
    paragraph(what),
    paragraph(
      'Het adres staat nu op de onderdrukkingslijst van ons e-mailaccount: e-mail aan dit adres wordt niet meer bezorgd, ook geen links naar de overeenkomst, herinneringen of het rapport. Zo beschermen we de reputatie van ons e-mailaccount.',
    ),
    paragraph(
      problem.reason === 'BOUNCE'
        ? `Neem op een andere manier contact op met ${contact.name}${contact.phone ? ` (${contact.phone})` : ''} en vraag een adres dat werkt. Operations kan het adres van de onderdrukkingslijst halen zodra het weer bereikbaar is.`
        : `Neem contact op met ${contact.name}${contact.phone ? ` (${contact.phone})` : ''} om te vragen of onze e-mail nog gewenst is, voordat iemand het adres van de onderdrukkingslijst haalt.`,
    ),
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, input.apiUrl) },
  ];
  return composeEmail('nl', subject, blocks);
}
