import type { Agreement } from '../domain/agreement';
import { STEPS, transitionRule, type TransitionName } from '../domain/lifecycle';
import { primaryContact, type ClientDecision, type Onboarding } from '../domain/onboarding';
import { transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import type { ClientDecisionEvidence } from '../domain/client-link';
import { currentAgreementLink } from '../application/agreement-client-link';
import { loadAgreement } from '../application/agreement-loader';
import { ENV, requireEnvList } from '../runtime/env';
import { ConflictError } from '../runtime/errors';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { agreementApprovedConfirmation, agreementApprovedNotice } from '../templates/email/agreement-approved';
import { agreementChangesRequestedNotice } from '../templates/email/agreement-changes-requested';
import { agreementDeclinedNotice } from '../templates/email/agreement-declined';

const STEP = 'ApplyClientDecision';
const ANALYSTS = requireEnvList(ENV.analystAddresses);

export type DecisionOutcome = 'approved' | 'declined' | 'changes-requested';

/** The outcome the ASL's RouteDecision reads for each decision; lifecycle.ts names its transition. */
const OUTCOME: Record<ClientDecision, DecisionOutcome> = { approve: 'approved', decline: 'declined', 'request-changes': 'changes-requested' };
const transitionOf = (outcome: DecisionOutcome): TransitionName => STEPS.ApplyClientDecision.outcomes.outcome[outcome];

/**
 * Applies what the client decided on the link (read from the stored evidence, not from the
 * execution state, which keeps no personal data): approve → IMPLEMENTING, decline → DECLINED,
 * request changes → a new analysis round. Each outcome tells the people who need to know.
 */
export async function applyClientDecision(
  input: { onboardingId: string; agreementVersion: number; decision: ClientDecision; maxRevisions: number },
): Promise<{ outcome: DecisionOutcome }> {
  let onboarding = await loadOnboarding(input.onboardingId);
  const agreement = await loadAgreement(onboarding, input.agreementVersion);
  const evidence = (await currentAgreementLink(onboarding)).decision;
  if (!evidence || evidence.decision !== input.decision) {
    throw new ConflictError(`The recorded decision on ${onboarding.id} v${agreement.version} is not ${input.decision}`);
  }
  const outcome = OUTCOME[evidence.decision];
  const transition = transitionOf(outcome);

  if (onboarding.status !== transitionRule(transition).to) {
    const decision = { decision: evidence.decision, name: evidence.name, at: evidence.at, ...(evidence.comment ? { comment: evidence.comment } : {}) };
    const changeRequest = { agreementVersion: agreement.version, name: evidence.name, comment: evidence.comment ?? '', at: evidence.at };
    onboarding = await transitionOnboarding(
      onboarding,
      transition,
      { at: evidence.at, actor: { kind: 'client', name: evidence.name }, detail: detailOf(evidence, agreement) },
      {
        agreement: { ...onboarding.agreement!, decision },
        ...(outcome === 'changes-requested'
          ? { analysisRound: onboarding.analysisRound + 1, changeRequests: [...onboarding.changeRequests, changeRequest] }
          : {}),
      },
    );
  }
  await notify(onboarding, agreement, evidence, input.maxRevisions);
  return { outcome };
}

function detailOf(evidence: ClientDecisionEvidence, agreement: Agreement): string {
  const what = { approve: 'approved', decline: 'declined', 'request-changes': 'asked for changes to' }[evidence.decision];
  return `${evidence.name} ${what} agreement version ${agreement.version} (document ${agreement.documentHash.slice(0, 12)}…)`;
}

async function notify(onboarding: Onboarding, agreement: Agreement, evidence: ClientDecisionEvidence, maxRevisions: number): Promise<void> {
  const v = agreement.version;
  const accountManager = [onboarding.accountManager.email];
  if (evidence.decision === 'approve') {
    await notifyOnce(onboarding, {
      notice: { kind: 'approvalConfirmed', scope: v },
      step: STEP,
      to: [primaryContact(onboarding).email],
      render: () => agreementApprovedConfirmation({ onboarding, agreement, decision: evidence }),
      detail: 'Approval confirmed to the client',
    });
    await notifyOnce(onboarding, {
      notice: { kind: 'accountManagerToldApproved', scope: v },
      step: STEP,
      to: accountManager,
      render: () => agreementApprovedNotice({ onboarding, agreement, decision: evidence }),
      detail: 'Account manager told the agreement is approved',
    });
  } else if (evidence.decision === 'decline') {
    await notifyOnce(onboarding, {
      notice: { kind: 'accountManagerToldDeclined', scope: v },
      step: STEP,
      to: accountManager,
      render: () => agreementDeclinedNotice({ onboarding, agreement, decision: { ...evidence, reason: evidence.comment ?? '' } }),
      detail: 'Account manager told the agreement is declined, with the reason',
    });
  } else {
    await notifyOnce(onboarding, {
      notice: { kind: 'changesRequestedNotice', scope: v },
      step: STEP,
      to: [...ANALYSTS, ...accountManager],
      render: () =>
        agreementChangesRequestedNotice({ onboarding, agreement, decision: { ...evidence, comment: evidence.comment ?? '' }, revision: v, maxRevisions }),
      detail: 'Analysts and account manager asked for a revised analysis',
    });
  }
}
