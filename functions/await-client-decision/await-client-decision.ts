import { endOfAmsterdamDay } from '../domain/amsterdam-time';
import { primaryContact } from '../domain/onboarding';
import { createOrFindLink, rotateLinkTaskToken } from '../adapters/dynamodb/link-repository';
import { recordAgreementPdf, storeAgreementLinkHash, transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { resumeTask } from '../adapters/sfn/task-callback';
import { agreementLink } from '../application/client-links';
import { loadAgreement } from '../application/agreement-loader';
import { ConflictError } from '../runtime/errors';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { logger } from '../runtime/observability';
import { pdfAttachment, storedOrRenderedPdf } from '../application/stored-pdf';
import { agreementOffer } from '../templates/email/agreement-offer';
import { agreementPdfFileName } from '../templates/pdf/file-names';

const STEP = 'AwaitClientDecision';

/**
 * AGREEMENT_SENT: the client's primary contact gets the agreement with a single-use link, and the
 * link keeps this wait's task token. After a reminder the wait restarts with a new token; the same
 * link then points at it. A decision that came in meanwhile resumes the new wait at once.
 */
export async function awaitClientDecision(
  input: { onboardingId: string; agreementVersion: number; maxRevisions: number; taskToken: string },
  now = new Date(),
): Promise<void> {
  let onboarding = await loadOnboarding(input.onboardingId);
  const agreement = await loadAgreement(onboarding, input.agreementVersion);
  if (onboarding.status === 'AWAITING_ANALYSIS') {
    onboarding = await transitionOnboarding(onboarding, 'agreementSent', {
      at: now.toISOString(),
      agreementVersion: agreement.version,
      actor: { kind: 'system', step: STEP },
      detail: `Agreement version ${agreement.version} sent to the client for approval`,
    });
  }
  if (onboarding.status !== 'AGREEMENT_SENT') {
    throw new ConflictError(`Onboarding ${onboarding.id} cannot wait for a decision in status ${onboarding.status}`);
  }

  const { url, tokenHash } = await agreementLink(onboarding.id, agreement.version);
  const created = await createOrFindLink({
    tokenHash,
    purpose: 'agreement-decision',
    onboardingId: onboarding.id,
    agreementVersion: agreement.version,
    taskToken: input.taskToken,
    createdAt: now.toISOString(),
    validUntil: endOfAmsterdamDay(agreement.validUntil).toISOString(),
    // The client's own change requests count, not agreement versions (a release or a return drafts one too).
    allowChanges: onboarding.changeRequests.length < input.maxRevisions,
  });
  const link = created.taskToken === input.taskToken ? created : await rotateLinkTaskToken(tokenHash, input.taskToken);
  await storeAgreementLinkHash(onboarding.id, agreement.version, tokenHash);

  if (link.decision) {
    const outcome = await resumeTask(input.taskToken, { decision: link.decision.decision });
    logger.info('decision was already in; resumed the wait', { onboardingId: onboarding.id, outcome });
    return;
  }
  await notifyOnce(onboarding, {
    notice: { kind: 'agreementOffer', scope: agreement.version },
    step: STEP,
    to: [primaryContact(onboarding).email],
    render: () => agreementOffer({ onboarding, agreement, url }),
    // The offer PDF is rendered once, stored, and attached; a retry attaches the stored bytes.
    attachments: async () => {
      const pdf = await storedOrRenderedPdf(
        { onboardingId: onboarding.id, kind: 'offer', version: agreement.version },
        // Loaded when a PDF is rendered, not when the container starts (pdf-lib and the fonts).
        async () => (await import('../templates/pdf/agreement-pdf')).renderOfferPdf(agreement),
        now.toISOString(),
      );
      await recordAgreementPdf(onboarding.id, agreement.version, 'offerPdf', { sha256: pdf.sha256, bytes: pdf.size });
      return [pdfAttachment(pdf, agreementPdfFileName(agreement))];
    },
    detail: `Agreement version ${agreement.version} e-mailed to the primary contact with a single-use link and its PDF`,
  });
}
