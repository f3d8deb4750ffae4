import type { Onboarding } from '../../domain/onboarding';
import { primaryContact } from '../../domain/onboarding';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { clientSignOff, greeting } from './agreement-email-parts';
import { formatDateTime, type RenderedEmail } from './layout';

/**
 * To the client's primary contact, in the client's language, when the last ticket of a round is
 * resolved: the work is done, we watch the environment until `until` (an ISO instant), a new
 * problem can be reported through the link `problemUrl` (it takes a bounded number of reports until the onboarding is COMPLETED), and the report follows at the
 * end. Sent again each time monitoring restarts after a new round.
 */
export function monitoringStartedNotice(input: { onboarding: Onboarding; until: string; problemUrl: string; ticketsResolved: number }): RenderedEmail {
  const { onboarding, problemUrl, ticketsResolved } = input;
  const locale = onboarding.client.locale;
  const company = onboarding.client.companyName;
  const until = formatDateTime(input.until, locale);
  const am = onboarding.accountManager.email;
  const t =
    locale === 'nl'
      ? {
          subject: `Werkzaamheden afgerond: wij houden uw omgeving in de gaten tot ${until} – ${company}`,
          done: `Goed nieuws: de werkzaamheden voor ${company} zijn afgerond.${resolvedNl(ticketsResolved)}`,
          watch: `Tot ${until} houden wij uw omgeving in de gaten, zodat wij zeker weten dat de problemen opgelost blijven.`,
          reportHeading: 'Een nieuw probleem melden',
          report:
            'Merkt u in die periode een nieuw probleem, of komt een opgelost probleem terug? Meld het dan via de knop hieronder. Wij maken er een ticket van en een technicus pakt het op binnen de afgesproken reactietijden. Voor het oplossen gelden de tarieven uit uw serviceovereenkomst.',
          button: 'Nieuw probleem melden',
          fallback: 'Werkt de knop niet? Open dan deze link:',
          urgent: `Is het dringend? Neem dan ook contact op met uw accountmanager: ${am}.`,
          nextHeading: 'Wat er hierna gebeurt',
          next: [
            'Meldt u een probleem, dan lossen wij het op; daarna houden wij uw omgeving opnieuw een periode in de gaten.',
            `Na afloop van de monitoring ontvangt u een eindrapport: per ticket de bestede tijd en de kosten, de totalen, hoe vaak wij binnen de afgesproken reactie- en oplostijden bleven, en eventuele openstaande punten.`,
            'Bij het rapport vragen wij u om uw mening: een cijfer van 1 tot 5 en, als u wilt, een toelichting.',
          ],
          personal: 'De link is persoonlijk. Stuur deze e-mail daarom niet door.',
        }
      : {
          subject: `Work completed: we are monitoring your environment until ${until} – ${company}`,
          done: `Good news: the work for ${company} is complete.${resolvedEn(ticketsResolved)}`,
          watch: `Until ${until} we keep an eye on your environment, to make sure the problems stay solved.`,
          reportHeading: 'Reporting a new problem',
          report:
            'If you notice a new problem during this period, or a solved problem comes back, please report it with the button below. We turn it into a ticket and a technician picks it up within the agreed response times. The rates of your service agreement apply to the work.',
          button: 'Report a new problem',
          fallback: 'Button not working? Open this link:',
          urgent: `Is it urgent? Please also contact your account manager: ${am}.`,
          nextHeading: 'What happens next',
          next: [
            'If you report a problem, we solve it; then we monitor your environment for another period.',
            'When monitoring ends, you receive a final report: the time spent and the cost per ticket, the totals, how often we stayed within the agreed response and resolution times, and any points still open.',
            'With the report we ask for your opinion: a score from 1 to 5 and, if you like, a comment.',
          ],
          personal: 'The link is personal, so please do not forward this e-mail.',
        };
  const blocks: Block[] = [
    greeting(locale, primaryContact(onboarding).name),
    paragraph(t.done),
    paragraph(t.watch),
    { kind: 'heading', text: t.reportHeading },
    paragraph(t.report),
    { kind: 'button', url: problemUrl, label: t.button, fallback: t.fallback },
    paragraph(t.urgent),
    { kind: 'heading', text: t.nextHeading },
    { kind: 'list', items: t.next },
    paragraph(t.personal),
    clientSignOff(locale),
  ];
  return composeEmail(locale, t.subject, blocks);
}

function resolvedNl(count: number): string {
  if (count <= 0) return '';
  if (count === 1) return ' Het ticket is opgelost.';
  return count === 2 ? ' Beide tickets zijn opgelost.' : ` Alle ${count} tickets zijn opgelost.`;
}

function resolvedEn(count: number): string {
  if (count <= 0) return '';
  if (count === 1) return ' The ticket has been resolved.';
  return count === 2 ? ' Both tickets have been resolved.' : ` All ${count} tickets have been resolved.`;
}
