import type { Agreement } from '../../domain/agreement';
import type { ClientDecisionEvidence } from '../../domain/client-link';
import type { Locale } from '../../domain/intake';
import { formatDateTime } from '../email/layout';
import { DECISION_OUTCOME_LABELS, type Decision } from '../format';
import { html, type SafeHtml } from '../html';
import { renderAgreementDocument } from './agreement-document';
import { renderPage, type HtmlResponse } from './page-layout';

type Tone = 'ok' | 'warn' | 'error';

/** One message card; a translation below the main message gets an h2 and its own lang. */
function statusCard(tone: Tone, heading: string, paragraphs: readonly string[], translation?: Locale): SafeHtml {
  const title = translation ? html`<h2>${heading}</h2>` : html`<h1>${heading}</h1>`;
  return html`<section class="card status status-${tone}"${translation ? html` lang="${translation}"` : null}>
${title}
${paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)}
</section>`;
}

const RECORDED: Record<Locale, Record<Decision, (p: { company: string; name: string; at: string }) => { title: string; lines: string[] }>> = {
  nl: {
    approve: ({ company, name, at }) => ({
      title: 'Bedankt, de overeenkomst is goedgekeurd',
      lines: [
        `${name} heeft de serviceovereenkomst op ${at} namens ${company} goedgekeurd.`,
        'Wij maken nu de tickets aan en plannen de werkzaamheden in. U ontvangt een bevestiging per e-mail.',
      ],
    }),
    decline: ({ company, name, at }) => ({
      title: 'Uw afwijzing is ontvangen',
      lines: [
        `${name} heeft de serviceovereenkomst op ${at} namens ${company} afgewezen.`,
        'Wij voeren geen werkzaamheden uit. Uw accountmanager heeft uw toelichting ontvangen.',
      ],
    }),
    'request-changes': ({ company, name, at }) => ({
      title: 'Uw wijzigingsverzoek is ontvangen',
      lines: [
        `${name} heeft op ${at} namens ${company} wijzigingen in de serviceovereenkomst aangevraagd.`,
        'Onze analisten passen de overeenkomst aan op basis van uw toelichting. U ontvangt de nieuwe versie per e-mail.',
      ],
    }),
  },
  en: {
    approve: ({ company, name, at }) => ({
      title: 'Thank you, the agreement is approved',
      lines: [
        `${name} approved the service agreement on behalf of ${company} on ${at}.`,
        'We are now creating the tickets and scheduling the work. You will receive a confirmation by e-mail.',
      ],
    }),
    decline: ({ company, name, at }) => ({
      title: 'Your decision to decline has been received',
      lines: [
        `${name} declined the service agreement on behalf of ${company} on ${at}.`,
        'We will not carry out any work. Your account manager has received your comment.',
      ],
    }),
    'request-changes': ({ company, name, at }) => ({
      title: 'Your change request has been received',
      lines: [
        `${name} requested changes to the service agreement on behalf of ${company} on ${at}.`,
        'Our analysts will revise the agreement based on your comment. You will receive the new version by e-mail.',
      ],
    }),
  },
};

/** 200 after a valid POST: confirms what was recorded, by whom and when (`at`: ISO timestamp). */
export function renderDecisionRecorded(input: { locale: Locale; decision: Decision; companyName: string; name: string; at: string }): HtmlResponse {
  const text = RECORDED[input.locale][input.decision]({
    company: input.companyName,
    name: input.name,
    at: formatDateTime(input.at, input.locale),
  });
  const tone: Tone = input.decision === 'approve' ? 'ok' : 'warn';
  return { status: 200, ...renderPage({ locale: input.locale, title: text.title, body: statusCard(tone, text.title, text.lines) }) };
}

const DECIDED: Record<
  Locale,
  {
    title: Record<Decision, string>;
    facts: { decision: string; name: string; company: string; at: string; comment: string; version: string };
    pdf: string;
    pdfHint: string;
    once: string;
  }
> = {
  nl: {
    title: {
      approve: 'Deze overeenkomst is goedgekeurd',
      decline: 'Deze overeenkomst is afgewezen',
      'request-changes': 'Voor deze overeenkomst zijn wijzigingen aangevraagd',
    },
    facts: { decision: 'Beslissing', name: 'Door', company: 'Namens', at: 'Op', comment: 'Toelichting', version: 'Versie' },
    pdf: 'Overeenkomst als PDF downloaden',
    pdfHint: 'De PDF bevat de overeenkomst zoals u die hebt ontvangen, met een laatste pagina die uw beslissing vastlegt. Bewaar die bij uw administratie.',
    once: 'Via deze link is al beslist; opnieuw beslissen kan niet. Klopt dit niet? Neem dan contact op met uw accountmanager.',
  },
  en: {
    title: {
      approve: 'This agreement has been approved',
      decline: 'This agreement has been declined',
      'request-changes': 'Changes to this agreement have been requested',
    },
    facts: { decision: 'Decision', name: 'By', company: 'On behalf of', at: 'On', comment: 'Comment', version: 'Version' },
    pdf: 'Download the agreement as PDF',
    pdfHint: 'The PDF holds the agreement as you received it, with a last page recording your decision. Please keep it with your records.',
    once: 'This link has already been used to decide; it cannot be used again. If this is not right, please contact your account manager.',
  },
};

/**
 * 200 on GET after the decision: the agreement read-only, as on the confirm page but without the
 * form, headed by what was decided, by whom and when, and a link to the PDF (`pdfHref`, relative:
 * the page loads nothing itself). The client keeps what they decided on; a new POST is still 409.
 */
export function renderAgreementDecided(input: { agreement: Agreement; decision: ClientDecisionEvidence; pdfHref: string }): HtmlResponse {
  const { agreement, decision } = input;
  const locale = agreement.client.locale;
  const t = DECIDED[locale];
  const title = t.title[decision.decision];
  const at = formatDateTime(decision.at, locale);
  const lead = RECORDED[locale][decision.decision]({ company: agreement.client.companyName, name: decision.name, at }).lines[0]!;
  const fact = (label: string, value: string) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  const tone: Tone = decision.decision === 'approve' ? 'ok' : 'warn';
  const body = html`<section class="card status status-${tone}" aria-labelledby="decision-heading">
<h2 id="decision-heading">${title}</h2>
<p class="lead">${lead}</p>
<dl class="facts">
${fact(t.facts.decision, DECISION_OUTCOME_LABELS[locale][decision.decision])}
${fact(t.facts.name, decision.name)}
${fact(t.facts.company, agreement.client.companyName)}
${fact(t.facts.at, at)}
${fact(t.facts.version, String(agreement.version))}
</dl>
${decision.comment ? html`<p><strong>${t.facts.comment}:</strong> ${decision.comment}</p>` : null}
<p><a href="${input.pdfHref}" type="application/pdf">${t.pdf}</a></p>
<p class="hint">${t.pdfHint}</p>
<p>${t.once}</p>
</section>
${renderAgreementDocument(agreement)}`;
  return { status: 200, ...renderPage({ locale, title: `${title} – ${agreement.client.companyName}`, body }) };
}

const ALREADY_DECIDED_FACT: Record<Locale, Record<Decision, (at: string) => string>> = {
  nl: {
    approve: (at) => `Deze serviceovereenkomst is op ${at} goedgekeurd.`,
    decline: (at) => `Deze serviceovereenkomst is op ${at} afgewezen.`,
    'request-changes': (at) => `Voor deze serviceovereenkomst zijn op ${at} wijzigingen aangevraagd.`,
  },
  en: {
    approve: (at) => `This service agreement was approved on ${at}.`,
    decline: (at) => `This service agreement was declined on ${at}.`,
    'request-changes': (at) => `Changes to this service agreement were requested on ${at}.`,
  },
};

/** 409 on a second POST: a link decides once (a GET after the decision shows renderAgreementDecided). */
export function renderAlreadyDecided(input: { locale: Locale; decision: Decision; at: string }): HtmlResponse {
  const fact = ALREADY_DECIDED_FACT[input.locale][input.decision](formatDateTime(input.at, input.locale));
  const text =
    input.locale === 'nl'
      ? {
          title: 'Over deze overeenkomst is al beslist',
          lines: [fact, 'Via een link kan maar één keer worden beslist, dus er is niets gewijzigd. Klopt dit niet? Neem dan contact op met uw accountmanager.'],
        }
      : {
          title: 'This agreement has already been decided',
          lines: [fact, 'A link can be used to decide only once, so nothing has been changed. If this is not right, please contact your account manager.'],
        };
  return { status: 409, ...renderPage({ locale: input.locale, title: text.title, body: statusCard('warn', text.title, text.lines) }) };
}

const NOT_FOUND: Record<Locale, { title: string; lines: string[] }> = {
  nl: {
    title: 'Deze link is ongeldig',
    lines: [
      'Wij kunnen deze link niet vinden. Controleer of u de volledige link uit de e-mail hebt gebruikt; soms wordt een lange link over twee regels afgebroken.',
      'Lukt het niet? Neem dan contact op met uw accountmanager.',
    ],
  },
  en: {
    title: 'This link is not valid',
    lines: [
      'We cannot find this link. Please check that you used the complete link from the e-mail; a long link is sometimes split over two lines.',
      'Still no luck? Please contact your account manager.',
    ],
  },
};

const EXPIRED: Record<Locale, { title: string; lines: string[] }> = {
  nl: {
    title: 'Deze link is verlopen',
    lines: [
      'De termijn om via deze link te beslissen is verstreken.',
      'Wilt u alsnog gebruikmaken van onze Break & Fix-ondersteuning? Neem dan contact op met uw accountmanager; die stuurt u graag een nieuw aanbod.',
    ],
  },
  en: {
    title: 'This link has expired',
    lines: [
      'The period for deciding through this link has ended.',
      'Would you still like to use our Break & Fix support? Please contact your account manager, who will gladly send you a new offer.',
    ],
  },
};

/** 404: an unknown token. Without a known locale the page speaks both languages. */
export function renderLinkNotFound(input: { locale?: Locale } = {}): HtmlResponse {
  return { status: 404, ...messagePage(NOT_FOUND, 'error', input.locale) };
}

/** 410: the token existed but its decision window has closed. */
export function renderLinkExpired(input: { locale?: Locale } = {}): HtmlResponse {
  return { status: 410, ...messagePage(EXPIRED, 'warn', input.locale) };
}

function messagePage(texts: Record<Locale, { title: string; lines: string[] }>, tone: Tone, locale: Locale | undefined) {
  if (locale) return renderPage({ locale, title: texts[locale].title, body: statusCard(tone, texts[locale].title, texts[locale].lines) });
  // Unknown language: Dutch first (the default), English marked with its own lang for screen readers.
  const body = html`${statusCard(tone, texts.nl.title, texts.nl.lines)}
${statusCard(tone, texts.en.title, texts.en.lines, 'en')}`;
  const footer = html`<p>Break &amp; Fix IT-ondersteuning</p><p lang="en">Break &amp; Fix IT support</p>`;
  return renderPage({ locale: 'nl', title: `${texts.nl.title} · ${texts.en.title}`, body, footer });
}
