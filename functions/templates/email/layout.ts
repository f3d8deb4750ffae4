import type { Locale } from '../../domain/intake';
import { html, type SafeHtml } from '../html';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const FOOTER: Record<Locale, string> = {
  nl: 'Break & Fix IT-ondersteuning · Dit bericht is automatisch verstuurd; beantwoorden kan gewoon.',
  en: 'Break & Fix IT support · This message was sent automatically; you can simply reply.',
};

/** A self-contained HTML e-mail: inline styles only, no external resources. */
export function emailHtml(locale: Locale, title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933;line-height:1.5">
<div style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:6px;padding:24px">
${body}
<p style="margin-top:32px;font-size:12px;color:#6b7280">${FOOTER[locale]}</p>
</div>
</body>
</html>`.value;
}

/**
 * The one way an e-mail links anywhere: every <a> opens in a new window (target="_blank", with
 * rel="noopener"), because a mail client or the twin's SES inbox may show the mail in a frame and
 * the pages it links to refuse to be framed. `style` is the link's inline style (e-mail only).
 */
export function emailLink(url: string, label: string, style = 'color:#0b5cab'): SafeHtml {
  return html`<a href="${url}" target="_blank" rel="noopener" style="${style}">${label}</a>`;
}

export function textFooter(locale: Locale): string {
  return `\n--\n${FOOTER[locale]}\n`;
}

/** "26 november 2026 om 14:05" / "26 November 2026 at 14:05", Amsterdam time. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  const tag = locale === 'nl' ? 'nl-NL' : 'en-GB';
  const day = date.toLocaleDateString(tag, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
  const time = date.toLocaleTimeString(tag, { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
  return locale === 'nl' ? `${day} om ${time}` : `${day} at ${time}`;
}
