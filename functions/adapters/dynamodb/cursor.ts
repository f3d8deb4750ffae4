import { ValidationError } from '../../runtime/errors';

type Key = Record<string, string>;

/**
 * Opaque list cursors: the LastEvaluatedKey as base64url JSON. A cursor from a client is checked
 * to have exactly the expected string attributes and to stay inside the queried partition, so a
 * forged cursor can neither error the query nor read another partition.
 */
export function encodeCursor(key: Record<string, unknown> | undefined): string | undefined {
  return key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;
}

export function decodeCursor(cursor: string | undefined, attributes: readonly string[], partition: { attribute: string; value: string }): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => new ValidationError([{ parameter: 'cursor', message: 'Not a cursor from this list' }], 'Invalid query parameters');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed);
  const expected = new Set(attributes);
  if (entries.length !== expected.size || entries.some(([name, value]) => !expected.has(name) || typeof value !== 'string' || value.length > 1024))
    throw invalid();
  const key = parsed as Key;
  if (key[partition.attribute] !== partition.value) throw invalid();
  return key;
}
