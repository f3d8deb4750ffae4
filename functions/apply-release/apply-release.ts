import type { Onboarding, ReleaseDecision } from '../domain/onboarding';
import { decisionWaitSeconds } from '../domain/decision-wait';
import { redraftForRelease } from '../domain/pricing';
import { findAgreementVersion } from '../adapters/dynamodb/document-repository';
import { recordAgreementDraft, transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { ENV, requireEnvList } from '../runtime/env';
import { ConflictError } from '../runtime/errors';
import { API_URL } from '../application/api-url';
import { loadAgreement } from '../application/agreement-loader';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { formatEuro } from '../templates/format';
import { agreementReturnedNotice } from '../templates/email/agreement-returned';

const STEP = 'ApplyRelease';
const ANALYSTS = requireEnvList(ENV.analystAddresses);

export type ReleaseOutcome = 'released' | 'returned';

/**
 * Applies what a staff member chose for the held version (read from the aggregate, where the
 * route stored it). Release: the same lines and rate-card snapshot as a new version, drafted now,
 * so the client's validity window starts at the release, with a new hash; AGREEMENT_SENT. Return:
 * a new analysis round for the analysts (AWAITING_ANALYSIS), which is not a client change request.
 */
export async function applyRelease(
  input: { onboardingId: string; agreementVersion: number; action: ReleaseDecision['action'] } & DecisionWaitInput,
  now = new Date(),
): Promise<{ outcome: ReleaseOutcome; agreementVersion: number; decisionWaitSeconds: number }> {
  let onboarding = await loadOnboarding(input.onboardingId);
  const decision = onboarding.releaseDecision;
  if (!decision || decision.agreementVersion !== input.agreementVersion || decision.action !== input.action) {
    throw new ConflictError(`No ${input.action} of agreement version ${input.agreementVersion} is recorded on ${onboarding.id}`);
  }
  const actor = { kind: 'staff' as const, sub: decision.by.sub, email: decision.by.email };

  if (decision.action === 'return') {
    const held = await findAgreementVersion(onboarding.id, input.agreementVersion);
    if (!held) throw new ConflictError(`Agreement version ${input.agreementVersion} of ${onboarding.id} is missing`);
    if (onboarding.status === 'AWAITING_RELEASE') {
      onboarding = await transitionOnboarding(
        onboarding,
        'returnedToAnalysts',
        { at: decision.at, agreementVersion: held.version, actor, detail: `Returned to the analysts: ${decision.comment ?? ''}`.slice(0, 500) },
        { analysisRound: onboarding.analysisRound + 1 },
        { remove: ['releaseTask'] },
      );
    } else if (onboarding.status !== 'AWAITING_ANALYSIS') {
      throw new ConflictError(`Onboarding ${onboarding.id} cannot be returned to the analysts in status ${onboarding.status}`);
    }
    await notifyOnce(onboarding, {
      notice: { kind: 'returnedToAnalystsNotice', scope: held.version },
      step: STEP,
      to: [...ANALYSTS, onboarding.accountManager.email],
      render: () => agreementReturnedNotice({ onboarding, agreement: held, decision, apiUrl: API_URL }),
      detail: `Analysts asked for a revised analysis of agreement version ${held.version}`,
    });
    // The ASL selects the field on every outcome; a return's next wait is the analysts', not this one.
    return { outcome: 'returned', agreementVersion: held.version, decisionWaitSeconds: waitFor(held.validUntil, input) };
  }

  const releasedVersion = input.agreementVersion + 1;
  if (onboarding.status === 'AGREEMENT_SENT' && onboarding.agreement?.version === releasedVersion) {
    // A retry after the release was applied.
    return { outcome: 'released', agreementVersion: releasedVersion, decisionWaitSeconds: waitFor((await loadAgreement(onboarding, releasedVersion)).validUntil, input) };
  }
  if (onboarding.status !== 'AWAITING_RELEASE') {
    throw new ConflictError(`Onboarding ${onboarding.id} cannot be released in status ${onboarding.status}`);
  }
  const released = await releasedAgreement(onboarding, input.agreementVersion, decision, now);
  onboarding = await loadOnboarding(onboarding.id);
  await transitionOnboarding(
    onboarding,
    'released',
    {
      at: released.createdAt,
      agreementVersion: released.version,
      actor,
      detail: `Agreement version ${input.agreementVersion} released by ${decision.by.email} as version ${released.version}, valid until ${released.validUntil}`,
    },
    {},
    { remove: ['releaseTask'] },
  );
  return { outcome: 'released', agreementVersion: released.version, decisionWaitSeconds: waitFor(released.validUntil, input) };
}

/**
 * The step's `$$.State.EnteredTime` and the policy, for the client's wait on the released version.
 * Only this step writes a released version (the route stores the choice, no version), so "now"
 * is always the state's entered time, never a route's `requestContext.timeEpoch`.
 */
interface DecisionWaitInput {
  now: string;
  decisionReminderSeconds: number;
  decisionMaxReminders: number;
}

/** A released version has had no reminders yet: all of them are still to come. */
const waitFor = (validUntil: string, input: DecisionWaitInput) =>
  decisionWaitSeconds({ validUntil, now: new Date(input.now), remindersLeft: input.decisionMaxReminders, capSeconds: input.decisionReminderSeconds });

/** The re-drafted version, stored once: a retry finds it (and its hash) as first written. */
async function releasedAgreement(onboarding: Onboarding, heldVersion: number, decision: ReleaseDecision, now: Date) {
  const version = heldVersion + 1;
  if (onboarding.agreement?.version === version) return loadAgreement(onboarding, version);
  const held = await loadAgreement(onboarding, heldVersion);
  const agreement = (await findAgreementVersion(onboarding.id, version)) ?? redraftForRelease(held, { version, now, releasedBy: decision.by.email });
  await recordAgreementDraft(
    onboarding,
    agreement,
    `Agreement version ${version} drafted at the release of version ${heldVersion}: ${formatEuro(agreement.totals.inclVatCents, 'nl')} incl. VAT, valid until ${agreement.validUntil}`,
  );
  return agreement;
}
