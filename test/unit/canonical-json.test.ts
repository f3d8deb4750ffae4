import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, sha256Hex } from '../../functions/domain/canonical-json';

/** The same value with every object's keys inserted in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reverseKeys(inner)]));
  }
  return value;
}

describe('canonicalJson', () => {
  it('sorts object keys at every depth, keeps array order and writes no whitespace', () => {
    const value = { b: 1, a: { d: [3, { z: true, y: 'two' }, 1], c: null } };
    expect(canonicalJson(value)).toBe('{"a":{"c":null,"d":[3,{"y":"two","z":true},1]},"b":1}');
  });

  it('writes the same text whatever order the keys were inserted in', () => {
    expect(canonicalJson({ x: 1, y: { p: 1, q: 2 } })).toBe(canonicalJson({ y: { q: 2, p: 1 }, x: 1 }));
  });

  it('sorts keys by UTF-16 code units, so upper case comes before lower case and digits first', () => {
    expect(canonicalJson({ b: 1, B: 2, '10': 3, a: 4 })).toBe('{"10":3,"B":2,"a":4,"b":1}');
  });

  it('escapes strings and keys exactly as JSON.stringify does', () => {
    const text = 'quote " backslash \\ newline \n tab \t euro € emoji 🙂 control \u0001';
    expect(canonicalJson({ [text]: text })).toBe(`{${JSON.stringify(text)}:${JSON.stringify(text)}}`);
  });

  it('writes numbers as JSON does: integers plain, -0 as 0, fractions shortest', () => {
    expect(canonicalJson([0, -0, 12345, 0.1, 1e21, -2.5])).toBe('[0,0,12345,0.1,1e+21,-2.5]');
  });

  it('leaves out object properties that are undefined', () => {
    expect(canonicalJson({ a: 1, b: undefined, c: { d: undefined } })).toBe('{"a":1,"c":{}}');
  });

  it('writes empty containers, null-prototype objects and repeated (non-cyclic) references', () => {
    const shared = { k: 1 };
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: 2, a: 1 });
    expect(canonicalJson({ e: [], o: {}, bare, one: shared, two: shared })).toBe(
      '{"bare":{"a":1,"b":2},"e":[],"o":{},"one":{"k":1},"two":{"k":1}}',
    );
  });

  it('writes a Date through its toJSON, as an ISO string', () => {
    expect(canonicalJson({ at: new Date('2025-03-30T01:00:00Z') })).toBe('{"at":"2025-03-30T01:00:00.000Z"}');
  });

  it.each<[string, unknown, string]>([
    ['NaN', { a: NaN }, '/a'],
    ['Infinity', { a: [1, Infinity] }, '/a/1'],
    ['-Infinity', -Infinity, 'The value is'],
    ['undefined in an array', { list: [1, undefined] }, '/list/1'],
    ['undefined at the top', undefined, 'The value is'],
    ['a function', { f: () => 1 }, '/f'],
    ['a bigint', { n: 1n }, '/n'],
    ['a symbol', { s: Symbol('s') }, '/s'],
    ['a Map', { m: new Map([['a', 1]]) }, '/m'],
    ['a Set', { s: new Set([1]) }, '/s'],
  ])('refuses %s rather than writing something else', (_, value, where) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(value)).toThrow(where);
  });

  it('refuses a cycle', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(() => canonicalJson(cyclic)).toThrow(/\/self\/back refers to itself/);
  });

  it('names its error', () => {
    try {
      canonicalJson(NaN);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).name).toBe('CanonicalJsonError');
    }
  });

  it('property: parses back to what JSON.stringify would give, and key order never matters', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(canonicalJson(reverseKeys(value))).toBe(text);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
    );
  });
});

describe('sha256Hex', () => {
  it('matches the published SHA-256 test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the UTF-8 bytes of the text', () => {
    const utf8 = createHash('sha256').update(Buffer.from([0x65, 0x75, 0x72, 0x6f, 0x20, 0xe2, 0x82, 0xac])).digest('hex');
    expect(sha256Hex('euro €')).toBe(utf8);
  });
});
