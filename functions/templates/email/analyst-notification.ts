import type { Onboarding } from '../../domain/onboarding';
import { html } from '../html';
import { apiCall } from './api-call';
import { emailHtml, formatDateTime, textFooter, type RenderedEmail } from './layout';

const IMPACT_NL = { critical: 'kritiek', high: 'hoog', normal: 'normaal', low: 'laag' } as const;

/**
 * To the analysts (staff, Dutch): a new onboarding is ready for problem analysis. `apiUrl` is the
 * API's base URL (no trailing slash): the e-mail names the calls to read and analyse it in full.
 */
export function analystNotification(input: { onboarding: Onboarding; apiUrl: string }): RenderedEmail {
  const { onboarding, apiUrl } = input;
  const details = apiCall(apiUrl, 'GET', `/onboardings/${onboarding.id}`);
  const submit = apiCall(apiUrl, 'POST', `/onboardings/${onboarding.id}/analysis`);
  const company = onboarding.client.companyName;
  const subject = `Nieuwe onboarding voor analyse: ${company} (${onboarding.incidents.length} incident${onboarding.incidents.length === 1 ? '' : 'en'})`;
  const received = formatDateTime(onboarding.createdAt, 'nl');
  const rows = onboarding.incidents.map(
    (incident) =>
      html`<tr><td style="padding:4px 8px;border-bottom:1px solid #e5e7eb">${incident.id}</td><td style="padding:4px 8px;border-bottom:1px solid #e5e7eb">${incident.title}</td><td style="padding:4px 8px;border-bottom:1px solid #e5e7eb">${incident.category}</td><td style="padding:4px 8px;border-bottom:1px solid #e5e7eb">${IMPACT_NL[incident.impact]}</td></tr>`,
  );
  const body = html`<p>Er staat een nieuwe onboarding klaar voor probleemanalyse.</p>
<p><strong>${company}</strong><br>Referentie: ${onboarding.id}<br>Ontvangen: ${received}<br>Accountmanager: ${onboarding.accountManager.email}</p>
<p><strong>Verwachtingen van de klant</strong><br>${onboarding.expectations.summary}</p>
<table style="border-collapse:collapse;width:100%;font-size:14px">
<tr><th align="left" style="padding:4px 8px">Id</th><th align="left" style="padding:4px 8px">Incident</th><th align="left" style="padding:4px 8px">Categorie</th><th align="left" style="padding:4px 8px">Impact</th></tr>
${rows}
</table>
<p>De details staan in <code>${details}</code>; dien de analyse in met <code>${submit}</code>.</p>`;
  const text = [
    'Er staat een nieuwe onboarding klaar voor probleemanalyse.',
    '',
    company,
    `Referentie: ${onboarding.id}`,
    `Ontvangen: ${received}`,
    `Accountmanager: ${onboarding.accountManager.email}`,
    '',
    'Verwachtingen van de klant:',
    onboarding.expectations.summary,
    '',
    'Incidenten:',
    ...onboarding.incidents.map((i) => `- ${i.id} ${i.title} (${i.category}, impact ${IMPACT_NL[i.impact]})`),
    '',
    `Details: ${details}`,
    `Analyse indienen: ${submit}`,
    textFooter('nl'),
  ].join('\n');
  return { subject, text, html: emailHtml('nl', subject, body) };
}
