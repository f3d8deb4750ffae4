import { createHash } from 'node:crypto';

/** Fixed namespace so the same e-mail maps to the same `sub` in every twin run (RFC 4122 v5). */
const LOCAL_USERS_NAMESPACE = '5b0e6c1e-8f6a-4d8e-9a43-2f1b7c0d9e51';

/**
 * Cognito gives each user one stable `sub`. The twin has no user store, so it derives the `sub`
 * from the e-mail: tokens minted for the same person across restarts name the same user, which
 * keeps things like "my tickets" working.
 */
export function subjectForEmail(email: string): string {
  const namespace = Buffer.from(LOCAL_USERS_NAMESPACE.replaceAll('-', ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(email.trim().toLowerCase()).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50; // version 5
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
