import type { Agreement } from '../domain/agreement';
import type { Onboarding } from '../domain/onboarding';
import { findAgreementVersion } from '../adapters/dynamodb/document-repository';
import { ConflictError } from '../runtime/errors';

/** The agreement version a step works on; it must be the onboarding's current one. */
export async function loadAgreement(onboarding: Onboarding, agreementVersion: number): Promise<Agreement> {
  if (onboarding.agreement?.version !== agreementVersion) {
    throw new ConflictError(`Onboarding ${onboarding.id} is at agreement version ${onboarding.agreement?.version ?? 'none'}, not ${agreementVersion}`);
  }
  const agreement = await findAgreementVersion(onboarding.id, agreementVersion);
  if (!agreement) throw new ConflictError(`Agreement version ${agreementVersion} of ${onboarding.id} is missing`);
  return agreement;
}
