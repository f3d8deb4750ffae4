import type { ProblemLink } from '../domain/client-link';
import { isTerminal } from '../domain/lifecycle';
import { hashLinkToken, LINK_TOKEN_PATTERN } from '../domain/link-token';
import type { Onboarding } from '../domain/onboarding';
import { findOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { findPublicLink } from '../adapters/dynamodb/public-link-repository';

/** What the monitoring e-mail's link shows right now. */
export type ProblemLinkView =
  | { state: 'not-found' }
  /** Revoked when the onboarding was COMPLETED, or the onboarding is closed otherwise. */
  | { state: 'ended'; onboarding: Onboarding }
  | { state: 'open'; link: ProblemLink; onboarding: Onboarding };

/** Looks the link up by the hash of the token in the URL. Reads only: GET must change nothing. */
export async function problemLinkView(token: string): Promise<ProblemLinkView> {
  if (!LINK_TOKEN_PATTERN.test(token)) return { state: 'not-found' };
  const link = await findPublicLink(hashLinkToken(token));
  if (!link || link.purpose !== 'problem-report') return { state: 'not-found' };
  const onboarding = await findOnboarding(link.onboardingId);
  if (!onboarding) return { state: 'not-found' };
  if (link.revokedAt || isTerminal(onboarding.status)) return { state: 'ended', onboarding };
  return { state: 'open', link, onboarding };
}
