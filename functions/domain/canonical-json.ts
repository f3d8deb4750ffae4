import { createHash } from 'node:crypto';

/** A value canonicalJson cannot write without losing or inventing information. */
export class CanonicalJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * Deterministic JSON, so equal content always hashes equally: object keys sorted (by UTF-16 code
 * units, as RFC 8785 does) at every depth, arrays kept in order, no whitespace. Object properties
 * that are undefined are left out, as JSON.stringify does; everything JSON.stringify would silently
 * turn into something else (NaN, Infinity, undefined in an array, functions, bigints, Maps, cycles)
 * is refused instead, because a hash over a silently altered document proves nothing.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '', new Set());
}

/** SHA-256 of the text's UTF-8 bytes, lower-case hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${where(path)} is ${value}, which JSON cannot hold`);
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return writeObject(value, path, ancestors);
    default:
      throw new CanonicalJsonError(`${where(path)} is ${typeof value}, which JSON cannot hold`);
  }
}

function writeObject(value: object, path: string, ancestors: Set<object>): string {
  if (ancestors.has(value)) throw new CanonicalJsonError(`${where(path)} refers to itself`);
  ancestors.add(value);
  try {
    if (Array.isArray(value)) return `[${value.map((element, index) => write(element, `${path}/${index}`, ancestors)).join(',')}]`;
    if (isPlainObject(value)) {
      const members = Object.keys(value)
        .sort()
        .filter((key) => value[key] !== undefined)
        .map((key) => `${JSON.stringify(key)}:${write(value[key], `${path}/${key}`, ancestors)}`);
      return `{${members.join(',')}}`;
    }
    // A Date (or anything else with toJSON) says how it wants to be written, as in JSON.stringify.
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return write(toJSON.call(value), path, ancestors);
    throw new CanonicalJsonError(`${where(path)} is a ${value.constructor?.name ?? 'non-plain object'}, which JSON cannot hold`);
  } finally {
    ancestors.delete(value);
  }
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function where(path: string): string {
  return path === '' ? 'The value' : `The value at ${path}`;
}
