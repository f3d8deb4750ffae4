import type { Onboarding } from '../../domain/onboarding';
import { primaryContact } from '../../domain/onboarding';
import { html } from '../html';
import { emailHtml, formatDateTime, textFooter, type RenderedEmail } from './layout';

/** To the client's primary contact, in the client's language, once the intake is registered. */
export function registrationConfirmation(onboarding: Onboarding): RenderedEmail {
  const locale = onboarding.client.locale;
  const contact = primaryContact(onboarding);
  const received = formatDateTime(onboarding.createdAt, locale);
  const count = onboarding.incidents.length;
  const t =
    locale === 'nl'
      ? {
          subject: `Uw aanmelding voor Break & Fix is geregistreerd – ${onboarding.client.companyName}`,
          greeting: `Beste ${contact.name},`,
          intro: `Bedankt voor het kennismakingsgesprek. Wij hebben de aanmelding van ${onboarding.client.companyName} voor onze Break & Fix-ondersteuning op ${received} ontvangen en geregistreerd.`,
          reference: `Uw referentie: ${onboarding.id}`,
          incidentsHeading: count === 1 ? 'Het gemelde probleem' : `De ${count} gemelde problemen`,
          next: 'Wat gebeurt er nu? Onze analisten onderzoeken elk probleem: de oorzaak, de oplossing en de benodigde tijd. Op basis daarvan ontvangt u van ons een serviceovereenkomst met tarieven en responstijden, die u per e-mail kunt goedkeuren.',
          closing: 'Met vriendelijke groet,',
          team: 'Het Break & Fix-team',
        }
      : {
          subject: `Your Break & Fix onboarding is registered – ${onboarding.client.companyName}`,
          greeting: `Dear ${contact.name},`,
          intro: `Thank you for the introductory conversation. We received and registered ${onboarding.client.companyName}'s onboarding for our Break & Fix support on ${received}.`,
          reference: `Your reference: ${onboarding.id}`,
          incidentsHeading: count === 1 ? 'The problem you reported' : `The ${count} problems you reported`,
          next: 'What happens next? Our analysts look into each problem: its cause, its solution and the time it needs. From that we send you a service agreement with rates and response times, which you can approve by e-mail.',
          closing: 'Kind regards,',
          team: 'The Break & Fix team',
        };
  const items = onboarding.incidents.map((incident) => html`<li>${incident.title}</li>`);
  const body = html`<p>${t.greeting}</p>
<p>${t.intro}</p>
<p><strong>${t.reference}</strong></p>
<h3 style="margin-bottom:4px">${t.incidentsHeading}</h3>
<ul>${items}</ul>
<p>${t.next}</p>
<p>${t.closing}<br>${t.team}</p>`;
  const text = [
    t.greeting,
    '',
    t.intro,
    '',
    t.reference,
    '',
    `${t.incidentsHeading}:`,
    ...onboarding.incidents.map((incident) => `- ${incident.title}`),
    '',
    t.next,
    '',
    t.closing,
    t.team,
    textFooter(locale),
  ].join('\n');
  return { subject: t.subject, text, html: emailHtml(locale, t.subject, body) };
}
