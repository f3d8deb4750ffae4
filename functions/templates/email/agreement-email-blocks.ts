import type { Locale } from '../../domain/intake';
import { html, type SafeHtml } from '../html';
import { emailHtml, emailLink, textFooter, type RenderedEmail } from './layout';

/** Label/value rows: a table in HTML, "label: value" lines in text. */
export type Facts = ReadonlyArray<readonly [label: string, value: string]>;

/**
 * The building blocks of the agreement and analysis e-mails. Each mail is a list of blocks, so its
 * HTML and plain-text versions cannot drift apart, and every value is escaped in one place.
 */
export type Block =
  /** A paragraph; several lines are kept as separate lines (e.g. a closing and a signature). */
  | { kind: 'paragraph'; lines: readonly string[]; strong?: boolean; small?: boolean }
  /** A section heading; `minor` for one item within a section (a line of the agreement). */
  | { kind: 'heading'; text: string; minor?: boolean }
  | { kind: 'facts'; facts: Facts }
  | { kind: 'list'; items: readonly string[] }
  /** Someone's own words (a comment, a reason), kept as typed and set apart. */
  | { kind: 'quote'; text: string }
  /** Someone's findings under a label (an analyst's root cause or solution): its line breaks kept. */
  | { kind: 'labelled'; label: string; text: string }
  /** A plain link after a label ("General terms: https://…"); the URL is also the link's text. */
  | { kind: 'link'; label: string; url: string }
  /** A link styled as a button, with the bare URL below for mail readers that show no styles. */
  | { kind: 'button'; url: string; label: string; fallback: string };

export const paragraph = (...lines: string[]): Block => ({ kind: 'paragraph', lines });

/** A text's lines, whatever line breaks it was typed with. */
export const textLines = (text: string): string[] => text.split(/\r\n|\r|\n/);

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
      return block.minor
        ? html`<h4 style="margin:20px 0 4px;font-size:15px">${block.text}</h4>\n`
        : html`<h3 style="margin:24px 0 4px;font-size:16px">${block.text}</h3>\n`;
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
    case 'labelled': {
      const lines = textLines(block.text).map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`));
      return html`<p style="margin:4px 0 12px"><strong>${block.label}</strong><br>${lines}</p>\n`;
    }
    case 'link':
      return html`<p style="word-break:break-word">${block.label}: ${emailLink(block.url, block.url)}</p>\n`;
    case 'button':
      return html`<p style="margin:24px 0 8px">${emailLink(block.url, block.label, 'display:inline-block;background:#0b5cab;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 22px;border-radius:6px')}</p>
<p style="font-size:13px;color:#52606d;word-break:break-all">${block.fallback}<br>${emailLink(block.url, block.url)}</p>\n`;
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
    case 'labelled':
      return `${block.label}:\n${textLines(block.text).join('\n')}`;
    case 'link':
      return `${block.label}: ${block.url}`;
    case 'button':
      return `${block.label}:\n${block.url}`;
  }
}
