import type { Feedback, FeedbackLink } from '../domain/client-link';
import { hashLinkToken, LINK_TOKEN_PATTERN } from '../domain/link-token';
import type { Onboarding } from '../domain/onboarding';
import { findOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { findPublicLink } from '../adapters/dynamodb/public-link-repository';

/** What the report e-mail's feedback link shows right now. */
export type FeedbackLinkView =
  | { state: 'not-found' }
  | { state: 'used'; feedback: Feedback; onboarding: Onboarding }
  | { state: 'expired'; onboarding: Onboarding }
  | { state: 'open'; link: FeedbackLink; onboarding: Onboarding };

/** Looks the link up by the hash of the token in the URL. Reads only: GET must change nothing. */
export async function feedbackLinkView(token: string, now: Date): Promise<FeedbackLinkView> {
  if (!LINK_TOKEN_PATTERN.test(token)) return { state: 'not-found' };
  const link = await findPublicLink(hashLinkToken(token));
  if (!link || link.purpose !== 'feedback') return { state: 'not-found' };
  const onboarding = await findOnboarding(link.onboardingId);
  if (!onboarding) return { state: 'not-found' };
  // Once given, the feedback stays visible, also after the link's validity.
  if (link.usedAt && link.feedback) return { state: 'used', feedback: link.feedback, onboarding };
  if (link.usedAt || Date.parse(link.validUntil) <= now.getTime()) return { state: 'expired', onboarding };
  return { state: 'open', link, onboarding };
}
