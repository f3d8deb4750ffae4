import type { Agreement } from '../domain/agreement';
import { decisionWaitSeconds } from '../domain/decision-wait';
import type { Onboarding } from '../domain/onboarding';
import { priceAgreement, releaseHoldReasons } from '../domain/pricing';
import { findAgreementVersion } from '../adapters/dynamodb/document-repository';
import { recordAgreementDraft, transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { currentRateCard } from '../adapters/dynamodb/rate-card-repository';
import { ConflictError } from '../runtime/errors';
import { loadOnboarding } from '../application/onboarding-loader';
import { PROVIDER } from '../application/provider-identity';
import { formatEuro } from '../templates/format';

const STEP = 'DraftAgreement';

export type DraftOutcome = 'ready' | 'held';

/**
 * Process step 3, the service agreement (docs/architecture.md): prices the analysis with the rate
 * card in force into an immutable agreement version, with the SHA-256 of its canonical content.
 * A version above the card's review threshold, or beyond its analysis limits, is held for an
 * account manager's release (AWAITING_RELEASE): no unchecked offer reaches a client.
 */
export async function draftAgreement(
  onboardingId: string,
  analysisVersion: number,
  wait: { enteredAt: Date; capSeconds: number; maxReminders: number },
  now = new Date(),
): Promise<{ agreementVersion: number; outcome: DraftOutcome; decisionWaitSeconds: number }> {
  let onboarding = await loadOnboarding(onboardingId);
  const analysis = onboarding.analysis;
  if (!analysis || analysis.version !== analysisVersion) {
    throw new ConflictError(`Onboarding ${onboardingId} has no analysis version ${analysisVersion}`);
  }

  const agreement = (await draftedFor(onboarding, analysisVersion)) ?? (await draftNew(onboarding, now));
  if (agreement.version !== onboarding.agreement?.version) onboarding = await loadOnboarding(onboardingId);

  // The client's wait, if the offer goes out now; a held offer gets its own at the release (ApplyRelease).
  const waitSeconds = decisionWaitSeconds({ validUntil: agreement.validUntil, now: wait.enteredAt, remindersLeft: wait.maxReminders, capSeconds: wait.capSeconds });
  const reasons = releaseHoldReasons(agreement);
  if (reasons.length === 0) return { agreementVersion: agreement.version, outcome: 'ready', decisionWaitSeconds: waitSeconds };
  if (onboarding.status === 'AWAITING_ANALYSIS') {
    await transitionOnboarding(
      onboarding,
      'heldForRelease',
      {
        at: now.toISOString(),
        agreementVersion: agreement.version,
        actor: { kind: 'system', step: STEP },
        detail: `Agreement version ${agreement.version} held for an account manager's release (${reasons.join(', ')})`,
      },
      { agreement: { ...onboarding.agreement!, hold: { reasons, heldAt: now.toISOString() } } },
    );
  }
  return { agreementVersion: agreement.version, outcome: 'held', decisionWaitSeconds: waitSeconds };
}

/** A retry after the draft was committed: the version of this analysis, as stored. */
async function draftedFor(onboarding: Onboarding, analysisVersion: number): Promise<Agreement | undefined> {
  const summary = onboarding.agreement;
  // Summaries from before releases existed carry no analysisVersion; their version was the analysis's.
  if (!summary || (summary.analysisVersion ?? summary.version) !== analysisVersion) return undefined;
  return findAgreementVersion(onboarding.id, summary.version);
}

/** One more version than the last: a change request, a return or a release each draft one. */
async function draftNew(onboarding: Onboarding, now: Date): Promise<Agreement> {
  const version = (onboarding.agreement?.version ?? 0) + 1;
  const analysis = onboarding.analysis!;
  const stored = await findAgreementVersion(onboarding.id, version);
  const agreement =
    stored && stored.analysisVersion === analysis.version
      ? stored
      : priceAgreement({ onboarding, analysis, rateCard: (await currentRateCard()).rateCard, version, provider: PROVIDER, now });
  await recordAgreementDraft(
    onboarding,
    agreement,
    `Agreement version ${agreement.version} drafted: ${formatEuro(agreement.totals.inclVatCents, 'nl')} incl. VAT, valid until ${agreement.validUntil}`,
  );
  return agreement;
}
