import { describe, expect, it } from 'vitest';
import { preferredLanguage } from '../../functions/runtime/http/accept-language';

const LOCALES = ['nl', 'en'] as const;
const pick = (header: string | undefined, fallback: 'nl' | 'en' = 'nl') => preferredLanguage(header, LOCALES, fallback);

describe('preferredLanguage (Accept-Language, RFC 9110 §12.5.4)', () => {
  it('falls back without a header, with an empty or malformed one, or when nothing fits', () => {
    expect(pick(undefined)).toBe('nl');
    expect(pick('', 'en')).toBe('en');
    expect(pick(';;,,')).toBe('nl');
    expect(pick('de-DE, fr;q=0.8')).toBe('nl');
    expect(pick('en;q=abc')).toBe('nl');
    expect(pick('en;q=1.5')).toBe('nl');
  });

  it('matches on the primary subtag and takes the highest q-value, then the first listed', () => {
    expect(pick('en')).toBe('en');
    expect(pick('EN-gb')).toBe('en');
    expect(pick('en-GB,en;q=0.9,nl;q=0.5')).toBe('en');
    expect(pick('en;q=0.5, nl')).toBe('nl');
    expect(pick('de-DE, nl;q=0.2, en-US;q=0.8')).toBe('en');
    expect(pick('en;q=0.7, nl;q=0.7', 'nl')).toBe('en');
    expect(pick('nl-BE', 'en')).toBe('nl');
  });

  it('reads * as the fallback, and never picks a language refused with q=0', () => {
    expect(pick('*')).toBe('nl');
    expect(pick('*', 'en')).toBe('en');
    expect(pick('nl;q=0, *')).toBe('en');
    expect(pick('en;q=0, *')).toBe('nl');
    expect(pick('en;q=0')).toBe('nl');
  });
});
