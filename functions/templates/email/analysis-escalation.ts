import type { Onboarding } from '../../domain/onboarding';
import { PRIORITY_LABELS } from '../format';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { onboardingFacts } from './agreement-email-parts';
import { formatDateTime, type RenderedEmail } from './layout';

/** To the account manager (Dutch): the analysts did not deliver despite every reminder. */
export function analysisEscalation(input: { onboarding: Onboarding; remindersSent: number; apiUrl: string }): RenderedEmail {
  const { onboarding, remindersSent } = input;
  const company = onboarding.client.companyName;
  const subject = `Analyse te laat: ${company} (${onboarding.id})`;
  const reminders = remindersSent === 1 ? '1 herinnering' : `${remindersSent} herinneringen`;
  const blocks: Block[] = [
    paragraph(
      `De probleemanalyse voor ${company} is na ${reminders} aan de analisten nog steeds niet ingediend. De onboarding is aangemeld op ${formatDateTime(onboarding.createdAt, 'nl')} en de klant wacht op een serviceovereenkomst.`,
    ),
    paragraph('Stem met het analyseteam af wie de analyse oppakt en wanneer, en laat de klant zo nodig weten wanneer de overeenkomst komt.'),
    { kind: 'heading', text: 'Incidenten' },
    { kind: 'list', items: onboarding.incidents.map((incident) => `${incident.id} ${incident.title} (impact ${PRIORITY_LABELS.nl[incident.impact].toLowerCase()})`) },
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, input.apiUrl) },
  ];
  return composeEmail('nl', subject, blocks);
}
