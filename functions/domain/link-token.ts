import { createHash, createHmac } from 'node:crypto';

export type LinkPurpose = 'agreement-decision' | 'problem-report' | 'feedback';

/** 32 bytes, base64url: what a link token looks like in a URL. */
export const LINK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * A client link's token: HMAC-SHA256 of what the link is for, under the stage's secret signing key.
 * Only its SHA-256 is stored, so the table alone cannot produce a working link; the key lets a
 * reminder repeat the same link without the token ever being stored.
 */
export function deriveLinkToken(key: Buffer, purpose: LinkPurpose, subject: string): string {
  return createHmac('sha256', key).update(`${purpose}\n${subject}`).digest('base64url');
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The subject of an agreement decision link: one link per agreement version. */
export function agreementLinkSubject(onboardingId: string, agreementVersion: number): string {
  return `${onboardingId}/agreement/${agreementVersion}`;
}

/** The subject of an onboarding's problem-report link, and of its feedback link: one each per onboarding. */
export const onboardingLinkSubject = (onboardingId: string): string => onboardingId;
