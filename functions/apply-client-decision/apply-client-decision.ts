import type { Agreement } from '../domain/agreement';
import { STEPS, transitionRule, type TransitionName } from '../domain/lifecycle';
import { primaryContact, type ClientDecision, type Onboarding } from '../domain/onboarding';
import { recordAgreementPdf, transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { readDecisionEvidence } from '../adapters/dynamodb/evidence-repository';
import { retainUntil, type DecisionEvidence } from '../domain/decision-evidence';
import type { EmailAttachment } from '../adapters/ses/mailer';
import type { ClientDecisionEvidence } from '../domain/client-link';
import { currentAgreementLink } from '../application/agreement-client-link';
import { loadAgreement } from '../application/agreement-loader';
import { ENV, requireEnv, requireEnvList } from '../runtime/env';
import { ConflictError } from '../runtime/errors';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { API_URL } from '../application/api-url';
import { pdfAttachment, storedOrRenderedPdf } from '../application/stored-pdf';
import { agreementApprovedConfirmation, agreementApprovedNotice } from '../templates/email/agreement-approved';
import { agreementChangesRequestedNotice } from '../templates/email/agreement-changes-requested';
import { agreementDeclinedNotice } from '../templates/email/agreement-declined';
import { agreementChangesConfirmation } from '../templates/email/agreement-changes-confirmation';
import { agreementDeclineConfirmation } from '../templates/email/agreement-decline-confirmation';
import { agreementPdfFileName } from '../templates/pdf/file-names';

const STEP = 'ApplyClientDecision';
const ANALYSTS = requireEnvList(ENV.analystAddresses);
const EVIDENCE_RETENTION_YEARS = Number(requireEnv(ENV.evidenceRetentionYears));

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
  const decided = decidedPdfAttachment(onboarding, agreement, evidence);
  await notify(onboarding, agreement, evidence, input.maxRevisions, decided);
  return { outcome };
}

/**
 * The decided PDF (the offer's pages and the evidence page) for the client's confirmation:
 * rendered once from the kept evidence, stored, recorded on the aggregate; a retry attaches the
 * stored bytes. Evidence decided before it had an item of its own is taken from the link.
 */
function decidedPdfAttachment(onboarding: Onboarding, agreement: Agreement, decision: ClientDecisionEvidence): () => Promise<EmailAttachment[]> {
  return async () => {
    const kept = await readDecisionEvidence(onboarding.id, agreement.version);
    const evidence: DecisionEvidence = kept ?? {
      ...decision,
      onboardingId: onboarding.id,
      agreementVersion: agreement.version,
      linkPurpose: 'agreement-decision',
      ...(onboarding.agreement?.offerPdf ? { offerPdfSha256: onboarding.agreement.offerPdf.sha256 } : {}),
      retainUntil: retainUntil(decision.at, EVIDENCE_RETENTION_YEARS),
    };
    const pdf = await storedOrRenderedPdf(
      { onboardingId: onboarding.id, kind: 'decided', version: agreement.version },
      // Loaded when a PDF is rendered, not when the container starts (pdf-lib, the fonts).
      async () => (await import('../templates/pdf/agreement-pdf')).renderDecidedPdf(agreement, evidence),
      decision.at,
    );
    await recordAgreementPdf(onboarding.id, agreement.version, 'decidedPdf', { sha256: pdf.sha256, bytes: pdf.size });
    return [pdfAttachment(pdf, agreementPdfFileName(agreement))];
  };
}

function detailOf(evidence: ClientDecisionEvidence, agreement: Agreement): string {
  const what = { approve: 'approved', decline: 'declined', 'request-changes': 'asked for changes to' }[evidence.decision];
  return `${evidence.name} ${what} agreement version ${agreement.version} (document ${agreement.documentHash.slice(0, 12)}…)`;
}

async function notify(
  onboarding: Onboarding,
  agreement: Agreement,
  evidence: ClientDecisionEvidence,
  maxRevisions: number,
  decidedPdf: () => Promise<EmailAttachment[]>,
): Promise<void> {
  const v = agreement.version;
  const accountManager = [onboarding.accountManager.email];
  if (evidence.decision === 'approve') {
    await notifyOnce(onboarding, {
      notice: { kind: 'approvalConfirmed', scope: v },
      step: STEP,
      to: [primaryContact(onboarding).email],
      render: () => agreementApprovedConfirmation({ onboarding, agreement, decision: evidence }),
      attachments: decidedPdf,
      detail: 'Approval confirmed to the client, with the decided PDF',
    });
    await notifyOnce(onboarding, {
      notice: { kind: 'accountManagerToldApproved', scope: v },
      step: STEP,
      to: accountManager,
      render: () => agreementApprovedNotice({ onboarding, agreement, decision: evidence, apiUrl: API_URL }),
      detail: 'Account manager told the agreement is approved',
    });
  } else if (evidence.decision === 'decline') {
    await notifyOnce(onboarding, {
      notice: { kind: 'declineConfirmed', scope: v },
      step: STEP,
      to: [primaryContact(onboarding).email],
      render: () => agreementDeclineConfirmation({ onboarding, agreement, decision: evidence }),
      attachments: decidedPdf,
      detail: 'Decline confirmed to the client, with the decided PDF',
    });
    await notifyOnce(onboarding, {
      notice: { kind: 'accountManagerToldDeclined', scope: v },
      step: STEP,
      to: accountManager,
      render: () => agreementDeclinedNotice({ onboarding, agreement, decision: { ...evidence, reason: evidence.comment ?? '' }, apiUrl: API_URL }),
      detail: 'Account manager told the agreement is declined, with the reason',
    });
  } else {
    await notifyOnce(onboarding, {
      notice: { kind: 'changesRequestConfirmed', scope: v },
      step: STEP,
      to: [primaryContact(onboarding).email],
      render: () => agreementChangesConfirmation({ onboarding, agreement, decision: evidence }),
      attachments: decidedPdf,
      detail: 'Change request confirmed to the client, with the decided PDF',
    });
    await notifyOnce(onboarding, {
      notice: { kind: 'changesRequestedNotice', scope: v },
      step: STEP,
      to: [...ANALYSTS, ...accountManager],
      render: () =>
        agreementChangesRequestedNotice({ onboarding, agreement, decision: { ...evidence, comment: evidence.comment ?? '' }, revision: onboarding.changeRequests.length, maxRevisions, apiUrl: API_URL }),
      detail: 'Analysts and account manager asked for a revised analysis',
    });
  }
}
