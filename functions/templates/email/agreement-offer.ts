import type { Agreement } from '../../domain/agreement';
import type { Onboarding } from '../../domain/onboarding';
import { primaryContact } from '../../domain/onboarding';
import { composeEmail, paragraph, type Block } from './agreement-email-blocks';
import { agreementContentBlocks, agreementSummaryFacts, clientSignOff, decisionLinkBlocks, greeting } from './agreement-email-parts';
import type { RenderedEmail } from './layout';

/**
 * To the client's primary contact, in the client's language: the agreement is ready, with the
 * single-use link to its page (`url`), and then the agreement in full (the work per line with the
 * analysts' findings, every figure, the terms, both parties). It is a revision only when the
 * client asked for changes: a version released or returned internally is news to the client.
 */
export function agreementOffer(input: { onboarding: Onboarding; agreement: Agreement; url: string }): RenderedEmail {
  const { onboarding, agreement, url } = input;
  const locale = agreement.client.locale;
  const company = agreement.client.companyName;
  const revised = onboarding.changeRequests.length > 0;
  const t =
    locale === 'nl'
      ? {
          subject: revised
            ? `Uw herziene serviceovereenkomst (versie ${agreement.version}) staat klaar – ${company}`
            : `Uw serviceovereenkomst staat klaar – ${company}`,
          intro: revised
            ? `Op basis van uw wijzigingsverzoek hebben wij de serviceovereenkomst voor ${company} aangepast. Hieronder vindt u versie ${agreement.version}.`
            : `Op basis van onze analyse van de problemen die u hebt gemeld, hebben wij een serviceovereenkomst voor ${company} opgesteld.`,
          summary: 'In het kort',
          full: 'De overeenkomst in detail',
          fullIntro: 'Hieronder vindt u de volledige overeenkomst, zoals die ook op de pagina staat.',
        }
      : {
          subject: revised
            ? `Your revised service agreement (version ${agreement.version}) is ready – ${company}`
            : `Your service agreement is ready – ${company}`,
          intro: revised
            ? `Based on your change request, we revised the service agreement for ${company}. Below is version ${agreement.version}.`
            : `Based on our analysis of the problems you reported, we drew up a service agreement for ${company}.`,
          summary: 'In short',
          full: 'The agreement in full',
          fullIntro: 'Below is the complete agreement, as it also appears on the page.',
        };
  const blocks: Block[] = [
    greeting(locale, primaryContact(onboarding).name),
    paragraph(t.intro),
    { kind: 'heading', text: t.summary },
    { kind: 'facts', facts: agreementSummaryFacts(agreement, locale) },
    ...decisionLinkBlocks(locale, url),
    { kind: 'heading', text: t.full },
    paragraph(t.fullIntro),
    ...agreementContentBlocks(agreement, locale),
    clientSignOff(locale),
  ];
  return composeEmail(locale, t.subject, blocks);
}
