import { createHash } from 'node:crypto';
import type { Locale } from '../../domain/intake';
import { html, SafeHtml } from '../html';
import { PAGE_STYLE } from './page-style';

/** A public HTML page with the headers it must be served with. */
export interface HtmlPage {
  html: string;
  headers: Record<string, string>;
}

/** A page together with the HTTP status it answers (200, 400, 404, 409, 410). */
export interface HtmlResponse extends HtmlPage {
  status: number;
}

/** The CSP allows exactly this style block, so the page needs neither 'unsafe-inline' nor a nonce. */
export const PAGE_STYLE_HASH = `sha256-${createHash('sha256').update(PAGE_STYLE, 'utf8').digest('base64')}`;

/**
 * No scripts, no images, no fonts, no frames: the page only shows text and posts its one form back
 * to itself. The URL holds a secret link token, hence no referrer and no caching anywhere.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': [
    "default-src 'none'",
    `style-src '${PAGE_STYLE_HASH}'`,
    "img-src 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
});

const CHROME: Record<Locale, { brandSub: string; skip: string; footer: string }> = {
  nl: {
    brandSub: 'IT-ondersteuning',
    skip: 'Naar de inhoud',
    footer: 'Break & Fix IT-ondersteuning · Vragen? Beantwoord gerust de e-mail waarin u deze link ontving.',
  },
  en: {
    brandSub: 'IT support',
    skip: 'Skip to content',
    footer: 'Break & Fix IT support · Questions? Simply reply to the e-mail that brought you this link.',
  },
};

/**
 * The shell every public page shares. `body` goes inside <main>; `footer` replaces the default
 * footer (the bilingual pages pass both languages).
 */
export function renderPage(page: { locale: Locale; title: string; body: SafeHtml; footer?: SafeHtml }): HtmlPage {
  const chrome = CHROME[page.locale];
  const footer = page.footer ?? html`<p>${chrome.footer}</p>`;
  const document = html`<!doctype html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<title>${page.title}</title>
<style>${new SafeHtml(PAGE_STYLE)}</style>
</head>
<body>
<a class="skip" href="#main">${chrome.skip}</a>
<header class="site-header"><div class="wrap"><span class="brand">Break &amp; Fix</span><span class="brand-sub">${chrome.brandSub}</span></div></header>
<main id="main" class="wrap">
${page.body}
</main>
<footer class="site-footer"><div class="wrap">${footer}</div></footer>
</body>
</html>
`;
  return { html: document.value, headers: { ...PAGE_HEADERS, 'content-language': page.locale } };
}
