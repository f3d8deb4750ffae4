import { expect } from 'vitest';

/**
 * vitest's asymmetric matchers, typed `unknown` instead of `any`. A matcher sits in an expected
 * value and is only ever compared against, so nothing needs to know more of it; `any` would let it
 * flow anywhere (and trips no-unsafe-assignment in every object literal it appears in).
 */
export interface AsymmetricMatchers {
  any(constructor: unknown): unknown;
  anything(): unknown;
  arrayContaining(expected: unknown[]): unknown;
  stringContaining(expected: string): unknown;
  stringMatching(expected: string | RegExp): unknown;
}

/** `match.stringMatching(/…/)` is `expect.stringMatching(/…/)`: the same functions, called on `expect`. */
export const match: AsymmetricMatchers = expect;
