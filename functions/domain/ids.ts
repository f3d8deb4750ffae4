import { randomBytes } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A ULID: 48-bit millisecond time + 80 random bits in Crockford base32, so ids sort by creation.
 * Only [0-9A-Z], which Step Functions accepts as an execution name.
 */
export function ulid(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[t % 32]! + time;
    t = Math.floor(t / 32);
  }
  const random = randomBytes(16);
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD[random[i]! % 32]!;
  return time + tail;
}

/** An Idempotency-Key header (POST /onboardings): 1 to 255 printable ASCII characters, no spaces. */
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

export const ONBOARDING_ID_PATTERN = /^onb-[0-9A-HJKMNP-TV-Z]{26}$/;

export function newOnboardingId(now = Date.now()): string {
  return `onb-${ulid(now)}`;
}

export function newIncidentId(index: number): string {
  return `inc-${String(index + 1).padStart(2, '0')}`;
}
