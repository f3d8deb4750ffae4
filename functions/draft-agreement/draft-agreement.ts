import { draftAgreement as price } from '../domain/pricing';
import { findAgreementVersion, putAgreementVersion, putAnalysisVersion } from '../adapters/dynamodb/document-repository';
import { appendTimelineEvent, storeAgreementSummary } from '../adapters/dynamodb/onboarding-repository';
import { currentRateCard } from '../adapters/dynamodb/rate-card-repository';
import { ConflictError } from '../shared/errors';
import { analysisSubmittedEvent } from '../shared/analysis-events';
import { loadOnboarding } from '../shared/onboarding-loader';
import { formatEuro } from '../templates/format';

const STAGE = 'DraftAgreement';

/**
 * Seed step 3: prices the analysis with the rate card in force into an immutable agreement
 * version (one per analysis version), with the SHA-256 of its canonical content.
 */
export async function draftAgreement(onboardingId: string, analysisVersion: number, now = new Date()): Promise<{ agreementVersion: number }> {
  const onboarding = await loadOnboarding(onboardingId);
  const analysis = onboarding.analysis;
  if (!analysis || analysis.version !== analysisVersion) {
    throw new ConflictError(`Onboarding ${onboardingId} has no analysis version ${analysisVersion}`);
  }
  if (onboarding.agreement && onboarding.agreement.version >= analysisVersion) return { agreementVersion: onboarding.agreement.version };
  // The submission's own follow-up writes, in case it crashed after taking the analysis (written once).
  await putAnalysisVersion(onboardingId, analysis);
  await appendTimelineEvent(analysisSubmittedEvent(onboarding, analysis));

  // A retry after the version was stored reuses it: a version never changes once written.
  const agreement =
    (await findAgreementVersion(onboardingId, analysisVersion)) ??
    price({ onboarding, analysis, rateCard: (await currentRateCard()).rateCard, version: analysisVersion, now });
  await putAgreementVersion(agreement);
  await storeAgreementSummary(onboardingId, {
    version: agreement.version,
    createdAt: agreement.createdAt,
    validUntil: agreement.validUntil,
    totals: agreement.totals,
    documentHash: agreement.documentHash,
  });
  await appendTimelineEvent({
    onboardingId,
    version: onboarding.version,
    at: agreement.createdAt,
    type: `AGREEMENT_DRAFTED_V${agreement.version}`,
    actor: { kind: 'system', stage: STAGE },
    detail: `Agreement version ${agreement.version} drafted: ${formatEuro(agreement.totals.inclVatCents, 'nl')} incl. VAT, valid until ${agreement.validUntil}`,
  });
  return { agreementVersion: agreement.version };
}
