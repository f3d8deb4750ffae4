import { SIZE_RULES, utf8NameBytes, WRITE_LIMIT_BYTES } from '../../domain/size-budget';
import { utf8Bytes } from '../../domain/text-fields';
import { ItemTooLargeError } from '../../runtime/errors';

/*
 * An item's size as DynamoDB counts it against its 400 KB limit, computed from the JavaScript
 * value the document client marshals ("Item sizes and formats", DynamoDB Developer Guide):
 *  - string: its UTF-8 bytes; binary (Uint8Array, Buffer, ArrayBuffer): its raw bytes;
 *  - number: 1 byte per two significant digits, rounded up, plus 1 (plus 1 more when negative,
 *    which DynamoDB does not document: erring on the large side);
 *  - boolean and null: 1 byte;
 *  - list and map: 3 bytes, plus 1 byte per element, plus the elements, a map's element with
 *    its name's UTF-8 bytes; a set is counted as a list (DynamoDB counts less);
 *  - undefined is left out, as the document client's removeUndefinedValues does;
 *  - an item: the sum of its attribute names' UTF-8 bytes and their values.
 * The rules are approximate for numbers only; the check refuses above WRITE_LIMIT_BYTES, 16 KiB
 * under DynamoDB's limit, so the estimate's error never lets a refused write through to
 * DynamoDB. The same rules give functions/domain/size-budget.ts its worst cases.
 */

/** Significant digits of a number as DynamoDB stores it (leading and trailing zeros trimmed). */
function significantDigits(value: number | bigint): number {
  const text = typeof value === 'bigint' ? (value < 0n ? -value : value).toString() : Math.abs(value).toString();
  const mantissa = text.split(/e/i)[0]!.replace('.', '');
  const trimmed = mantissa.replace(/^0+/, '').replace(/0+$/, '');
  return Math.max(1, trimmed.length);
}

/** The stored size of one attribute value, in bytes. */
export function valueBytes(value: unknown): number {
  if (value === null) return SIZE_RULES.booleanBytes;
  switch (typeof value) {
    case 'string':
      return utf8Bytes(value);
    case 'number':
    case 'bigint':
      return SIZE_RULES.numberBytes(significantDigits(value)) + (value < 0 ? 1 : 0);
    case 'boolean':
      return SIZE_RULES.booleanBytes;
    case 'undefined':
    case 'function':
    case 'symbol':
      return 0;
    case 'object':
      break;
  }
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (Array.isArray(value) || value instanceof Set) {
    let bytes = SIZE_RULES.containerBytes;
    for (const element of value as Iterable<unknown>) if (element !== undefined) bytes += SIZE_RULES.elementBytes + valueBytes(element);
    return bytes;
  }
  let bytes = SIZE_RULES.containerBytes;
  for (const [name, element] of Object.entries(value as Record<string, unknown>)) {
    if (element !== undefined) bytes += utf8NameBytes(name) + SIZE_RULES.elementBytes + valueBytes(element);
  }
  return bytes;
}

/** The stored size of an item: its attributes' names and values. */
export function itemBytes(item: Readonly<Record<string, unknown>>): number {
  let bytes = 0;
  for (const [name, value] of Object.entries(item)) if (value !== undefined) bytes += utf8NameBytes(name) + valueBytes(value);
  return bytes;
}

const pointerSegment = (name: string) => '/' + name.replace(/~/g, '~0').replace(/\//g, '~1');

/**
 * The part of an item that takes the most room, as a JSON Pointer: the largest attribute, and
 * inside a map the largest member for as long as it holds most of its map (so an oversized
 * analysis is named /analysis/items and a long summary /expectations/summary). A list is named
 * as a whole (/changeRequests): what grew is its length.
 */
export function largestField(item: Readonly<Record<string, unknown>>): { pointer: string; bytes: number } | undefined {
  let best: { name: string; value: unknown; bytes: number } | undefined;
  for (const [name, value] of Object.entries(item)) {
    if (value === undefined) continue;
    const bytes = utf8NameBytes(name) + valueBytes(value);
    if (!best || bytes > best.bytes) best = { name, value, bytes };
  }
  return best ? descend(pointerSegment(best.name), best.value, best.bytes) : undefined;
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Set) && !(value instanceof Uint8Array) && !(value instanceof ArrayBuffer);

/** Into a map's largest member for as long as that member holds at least half of what contains it. */
function descend(pointer: string, value: unknown, bytes: number): { pointer: string; bytes: number } {
  while (isMap(value)) {
    let member: { name: string; value: unknown; bytes: number } | undefined;
    for (const [name, element] of Object.entries(value)) {
      if (element === undefined) continue;
      const size = valueBytes(element);
      if (!member || size > member.bytes) member = { name, value: element, bytes: size };
    }
    if (!member || member.bytes * 2 < bytes) break;
    pointer += pointerSegment(member.name);
    ({ value, bytes } = member);
  }
  return { pointer, bytes };
}

/**
 * Refuses, before anything is sent to DynamoDB, an item that would be over the write limit:
 * ItemTooLargeError names the entity and the field that takes the most room (a 422 whose pointer
 * names it on a route; a named error the ASL catches in a step).
 */
export function checkItemSize(item: Readonly<Record<string, unknown>>, entity: string, limitBytes = WRITE_LIMIT_BYTES): void {
  const bytes = itemBytes(item);
  if (bytes <= limitBytes) return;
  const largest = largestField(item);
  throw new ItemTooLargeError(entity, largest?.pointer, { bytes, limitBytes, ...(largest ? { fieldBytes: largest.bytes } : {}) });
}

/**
 * What an update expression's values alone add up to: when they are over the limit, so is the
 * item they are written into, whatever else it holds. For updates whose resulting item the caller
 * does not know; the attribute named is the one the largest value is SET to, where it can be read
 * from the expression.
 */
export function checkUpdateValuesSize(
  update: { UpdateExpression?: string; ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> },
  entity: string,
  limitBytes = WRITE_LIMIT_BYTES,
): void {
  const values = update.ExpressionAttributeValues ?? {};
  const bytes = Object.values(values).reduce<number>((sum, value) => sum + valueBytes(value), 0);
  if (bytes <= limitBytes) return;
  const [placeholder, largest, largestBytes] = Object.entries(values).reduce<[string, unknown, number]>(
    (best, [name, value]) => {
      const size = valueBytes(value);
      return size > best[2] ? [name, value, size] : best;
    },
    ['', undefined, -1],
  );
  const names = update.ExpressionAttributeNames ?? {};
  const assigned = new RegExp(`([#\\w.]+)\\s*=\\s*${placeholder}(?![\\w])`).exec(update.UpdateExpression ?? '')?.[1];
  const field = assigned
    ? descend(
        assigned
          .split('.')
          .map((part) => pointerSegment(names[part] ?? part))
          .join(''),
        largest,
        largestBytes,
      )
    : undefined;
  throw new ItemTooLargeError(entity, field?.pointer, { bytes, limitBytes, fieldBytes: field?.bytes ?? largestBytes });
}
