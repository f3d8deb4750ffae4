import type { Agreement } from '../domain/agreement';
import type { Locale } from '../domain/intake';
import { hashLinkToken, LINK_TOKEN_PATTERN } from '../domain/link-token';
import { findAgreementVersion } from '../adapters/dynamodb/document-repository';
import { linkState, type ClientLink } from '../domain/client-link';
import { findLink } from '../adapters/dynamodb/link-repository';

/** What a client link shows right now. */
export type AgreementView =
  | { state: 'not-found' }
  | { state: 'expired'; locale: Locale }
  | { state: 'used'; locale: Locale; link: ClientLink & { decision: NonNullable<ClientLink['decision']> }; agreement: Agreement }
  | { state: 'open'; locale: Locale; link: ClientLink; agreement: Agreement };

/** Looks a link up by the hash of the token in the URL. Reads only: GET must change nothing. */
export async function agreementView(token: string, now: Date): Promise<AgreementView> {
  if (!LINK_TOKEN_PATTERN.test(token)) return { state: 'not-found' };
  const link = await findLink(hashLinkToken(token));
  if (!link || link.purpose !== 'agreement-decision') return { state: 'not-found' };
  const agreement = await findAgreementVersion(link.onboardingId, link.agreementVersion);
  if (!agreement) return { state: 'not-found' };
  const locale = agreement.client.locale;
  const state = linkState(link, now);
  // Decided: the client keeps reading what was decided (read-only); only a new decision is refused.
  if (state === 'used' && link.decision) return { state: 'used', locale, link: { ...link, decision: link.decision }, agreement };
  if (state !== 'open') return { state: 'expired', locale };
  return { state: 'open', locale, link, agreement };
}
