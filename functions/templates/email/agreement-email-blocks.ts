import type { Locale } from '../../domain/intake';
import { html, type SafeHtml } from '../html';
import { emailHtml, textFooter, type RenderedEmail } from './layout';

/** Label/value rows: a table in HTML, "label: value" lines in text. */
export type Facts = ReadonlyArray<readonly [label: string, value: string]>;

/**
 * The building blocks of the agreement and analysis e-mails. Each mail is a list of blocks, so its
 * HTML and plain-text versions cannot drift apart, and every value is escaped in one place.
 */
export type Block =
  /** A paragraph; several lines are kept as separate lines (e.g. a closing and a signature). */
  | { kind: 'paragraph'; lines: readonly string[]; strong?: boolean; small?: boolean }
  | { kind: 'heading'; text: string }
  | { kind: 'facts'; facts: Facts }
  | { kind: 'list'; items: readonly string[] }
  /** Someone's own words (a comment, a reason), kept as typed and set apart. */
  | { kind: 'quote'; text: string }
  /** A link styled as a button, with the bare URL below for mail readers that show no styles. */
  | { kind: 'button'; url: string; label: string; fallback: string };

export const paragraph = (...lines: string[]): Block => ({ kind: 'paragraph', lines });

export function composeEmail(locale: Locale, subject: string, blocks: readonly Block[]): RenderedEmail {
  return { subject, text: `${plainText(blocks)}\n${textFooter(locale)}`, html: emailHtml(locale, subject, html`${blocks.map(blockHtml)}`) };
}

/** Blocks separated by a blank line, except that a heading sits directly above its content. */
function plainText(blocks: readonly Block[]): string {
  let text = '';
  blocks.forEach((block, i) => {
    if (i > 0) text += blocks[i - 1]!.kind === 'heading' ? '\n' : '\n\n';
    text += blockText(block);
  });
  return text;
}

function blockHtml(block: Block): SafeHtml {
  switch (block.kind) {
    case 'paragraph': {
      const style = block.small ? 'font-size:13px;color:#52606d' : null;
      const lines = block.lines.map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`));
      const content = block.strong ? html`<strong>${lines}</strong>` : html`${lines}`;
      return style ? html`<p style="${style}">${content}</p>\n` : html`<p>${content}</p>\n`;
    }
    case 'heading':
      return html`<h3 style="margin:24px 0 4px;font-size:16px">${block.text}</h3>\n`;
    case 'facts': {
      const rows = block.facts.map(
        ([label, value]) =>
          html`<tr><td style="padding:4px 16px 4px 0;color:#52606d;vertical-align:top">${label}</td><td style="padding:4px 0;vertical-align:top;word-break:break-word">${value}</td></tr>`,
      );
      return html`<table role="presentation" style="border-collapse:collapse;font-size:14px;margin:8px 0 16px">${rows}</table>\n`;
    }
    case 'list':
      return html`<ul style="padding-left:20px">${block.items.map((item) => html`<li>${item}</li>`)}</ul>\n`;
    case 'quote':
      return html`<blockquote style="margin:8px 0 16px;padding:8px 16px;border-left:4px solid #cbd2d9;background:#f4f5f7;white-space:pre-wrap">${block.text}</blockquote>\n`;
    case 'button':
      return html`<p style="margin:24px 0 8px"><a href="${block.url}" style="display:inline-block;background:#0b5cab;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 22px;border-radius:6px">${block.label}</a></p>
<p style="font-size:13px;color:#52606d;word-break:break-all">${block.fallback}<br><a href="${block.url}" style="color:#0b5cab">${block.url}</a></p>\n`;
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return block.lines.join('\n');
    case 'heading':
      return `${block.text}:`;
    case 'facts':
      return block.facts.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'list':
      return block.items.map((item) => `- ${item}`).join('\n');
    case 'quote':
      return block.text
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join('\n');
    case 'button':
      return `${block.label}:\n${block.url}`;
  }
}
