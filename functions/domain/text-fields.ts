import * as z from 'zod';

/**
 * A free-text field's two bounds. `chars` counts UTF-16 code units, as JavaScript, HTML's
 * `maxlength` and people count them; `bytes` counts UTF-8 bytes, which is what DynamoDB stores
 * (an ASCII letter is 1 byte, "é" 2, "€" 3, most emoji 4). The byte bound is what keeps an item
 * under DynamoDB's 400 KB: functions/domain/size-budget.ts adds them up.
 */
export interface TextBound {
  readonly chars: number;
  readonly bytes: number;
}

/**
 * UTF-8 length of a JavaScript string without encoding it: 1 byte below U+0080, 2 below U+0800,
 * 4 for a surrogate pair (two code units), 3 for anything else (a lone surrogate becomes U+FFFD,
 * 3 bytes, as TextEncoder and the AWS SDK encode it).
 */
export function utf8Bytes(value: string): number {
  let bytes = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < value.length) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** The worst case of a character bound alone: 3 UTF-8 bytes per UTF-16 code unit (a surrogate pair is 4 bytes for 2 units). */
export const impliedBytes = (chars: number): number => chars * 3;

/** A bound given as a bare character count gets the byte bound that count implies (no stricter). */
const boundOf = (bound: TextBound | number): TextBound => (typeof bound === 'number' ? { chars: bound, bytes: impliedBytes(bound) } : bound);

export const bytesMessage = (bytes: number): string => `At most ${bytes} bytes in UTF-8 (accented letters count 2 bytes, emoji 4)`;

/**
 * Both bounds on a trimmed string. The byte check reports `too_big` (as the character check does),
 * so a form that maps codes to messages says "too long" for either; it is skipped when the
 * character bound already failed, so one field gets one message.
 */
function bounded(bound: TextBound) {
  return z
    .string()
    .trim()
    .min(1, 'Required')
    .max(bound.chars, `At most ${bound.chars} characters`)
    .superRefine((value, ctx) => {
      if (value.length <= bound.chars && utf8Bytes(value) > bound.bytes) {
        ctx.addIssue({ code: 'too_big', origin: 'string', maximum: bound.bytes, inclusive: true, input: value, message: bytesMessage(bound.bytes) });
      }
    });
}

/** Printable text on one line: names and titles end up in e-mail subjects and page titles. */
export const line = (bound: TextBound | number) => bounded(boundOf(bound)).regex(/^[^\p{Cc}]*$/u, 'No control characters or line breaks');

/** Free text: line breaks allowed, other control characters not. */
export const text = (bound: TextBound | number) => bounded(boundOf(bound)).regex(/^(?:[^\p{Cc}]|[\n\r\t])*$/u, 'No control characters');
