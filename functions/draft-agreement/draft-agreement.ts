import { priceAgreement } from '../domain/pricing';
import { findAgreementVersion } from '../adapters/dynamodb/document-repository';
import { recordAgreementDraft } from '../adapters/dynamodb/onboarding-repository';
import { currentRateCard } from '../adapters/dynamodb/rate-card-repository';
import { ConflictError } from '../runtime/errors';
import { loadOnboarding } from '../application/onboarding-loader';
import { formatEuro } from '../templates/format';
import { PROVIDER } from '../application/provider-identity';

/**
 * Process step 3, the service agreement (docs/architecture.md): prices the analysis with the rate card in force into an immutable agreement
 * version (one per analysis version), with the SHA-256 of its canonical content.
 */
export async function draftAgreement(onboardingId: string, analysisVersion: number, now = new Date()): Promise<{ agreementVersion: number }> {
  const onboarding = await loadOnboarding(onboardingId);
  const analysis = onboarding.analysis;
  if (!analysis || analysis.version !== analysisVersion) {
    throw new ConflictError(`Onboarding ${onboardingId} has no analysis version ${analysisVersion}`);
  }
  // A retry after the draft was committed: the version never changes once written.
  if (onboarding.agreement && onboarding.agreement.version >= analysisVersion) return { agreementVersion: onboarding.agreement.version };

  const agreement =
    (await findAgreementVersion(onboardingId, analysisVersion)) ??
    priceAgreement({ onboarding, analysis, rateCard: (await currentRateCard()).rateCard, version: analysisVersion, provider: PROVIDER, now });
  await recordAgreementDraft(
    onboarding,
    agreement,
    `Agreement version ${agreement.version} drafted: ${formatEuro(agreement.totals.inclVatCents, 'nl')} incl. VAT, valid until ${agreement.validUntil}`,
  );
  return { agreementVersion: agreement.version };
}
