import type { Onboarding } from '../domain/onboarding';
import type { ClientLink } from '../domain/client-link';
import { findLink } from '../adapters/dynamodb/link-repository';
import { ConflictError } from '../runtime/errors';

/** The link the client got for the onboarding's current agreement version. */
export async function currentAgreementLink(onboarding: Onboarding): Promise<ClientLink> {
  const hash = onboarding.agreement?.linkHash;
  const link = hash ? await findLink(hash) : undefined;
  if (!link) throw new ConflictError(`Onboarding ${onboarding.id} has no client link for its agreement`);
  return link;
}
