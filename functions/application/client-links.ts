import { agreementLinkSubject, deriveLinkToken, hashLinkToken, onboardingLinkSubject } from '../domain/link-token';
import { linkSigningKey } from '../adapters/secrets/link-signing-key';
import { ENV, requireEnv } from '../runtime/env';

/** The API's public URL (grant: publicBaseUrl), read once when the container starts. */
const PUBLIC_BASE_URL = requireEnv(ENV.publicBaseUrl).replace(/\/+$/, '');

/**
 * The client's link for one agreement version. Derived, not stored: the same inputs give the same
 * link, so a reminder repeats the link of the first e-mail while the table holds only its hash.
 */
export async function agreementLink(onboardingId: string, agreementVersion: number): Promise<{ url: string; tokenHash: string }> {
  const token = deriveLinkToken(await linkSigningKey(), 'agreement-decision', agreementLinkSubject(onboardingId, agreementVersion));
  return { url: `${PUBLIC_BASE_URL}/agreements/${token}`, tokenHash: hashLinkToken(token) };
}

/** The client's problem-report link for an onboarding: the same in every monitoring e-mail. */
export async function problemLink(onboardingId: string): Promise<{ url: string; tokenHash: string }> {
  const token = deriveLinkToken(await linkSigningKey(), 'problem-report', onboardingLinkSubject(onboardingId));
  return { url: `${PUBLIC_BASE_URL}/problems/${token}`, tokenHash: hashLinkToken(token) };
}

/** The client's single-use feedback link in the follow-up report. */
export async function feedbackLink(onboardingId: string): Promise<{ url: string; tokenHash: string }> {
  const token = deriveLinkToken(await linkSigningKey(), 'feedback', onboardingLinkSubject(onboardingId));
  return { url: `${PUBLIC_BASE_URL}/feedback/${token}`, tokenHash: hashLinkToken(token) };
}
