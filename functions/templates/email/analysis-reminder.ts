import type { Onboarding } from '../../domain/onboarding';
import { PRIORITY_LABELS } from '../format';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { onboardingFacts } from './agreement-email-parts';
import { apiCall } from './api-call';
import { formatDateTime, type RenderedEmail } from './layout';

/** To the analysts (Dutch): the analysis of an onboarding is still due. `reminder` counts from 1; `apiUrl` is the API's base URL. */
export function analysisReminder(input: { onboarding: Onboarding; reminder: number; maxReminders: number; apiUrl: string }): RenderedEmail {
  const { onboarding, reminder, maxReminders, apiUrl } = input;
  const company = onboarding.client.companyName;
  const subject = `Herinnering ${reminder} van ${maxReminders}: analyse voor ${company} wacht nog`;
  const last = reminder >= maxReminders;
  const blocks: Block[] = [
    paragraph(
      `De probleemanalyse voor ${company} (aangemeld op ${formatDateTime(onboarding.createdAt, 'nl')}) is nog niet ingediend. Dien haar in met ${apiCall(apiUrl, 'POST', `/onboardings/${onboarding.id}/analysis`)}.`,
    ),
    paragraph(
      last
        ? `Dit is de laatste herinnering: blijft de analyse uit, dan wordt de accountmanager (${onboarding.accountManager.email}) ingelicht.`
        : `Dit is herinnering ${reminder} van ${maxReminders}; na de laatste wordt de accountmanager (${onboarding.accountManager.email}) ingelicht.`,
    ),
    { kind: 'heading', text: 'Te analyseren incidenten' },
    { kind: 'list', items: onboarding.incidents.map((incident) => `${incident.id} ${incident.title} (${incident.category}, impact ${PRIORITY_LABELS.nl[incident.impact].toLowerCase()})`) },
    { kind: 'heading', text: 'Onboarding' },
    { kind: 'facts', facts: onboardingFacts(onboarding, apiUrl) },
  ];
  return composeEmail('nl', subject, blocks);
}
