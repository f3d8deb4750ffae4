import { buildFollowUpReport } from '../domain/follow-up-report';
import { primaryContact, type Onboarding } from '../domain/onboarding';
import { findAgreementVersion } from '../adapters/dynamodb/document-repository';
import { findOnboarding, transitionOnboarding } from '../adapters/dynamodb/onboarding-repository';
import { ticketsAndRefusals } from '../adapters/dynamodb/problem-repository';
import { createOrFindPublicLink, problemLinkRevocation } from '../adapters/dynamodb/public-link-repository';
import { findReport, reportPut } from '../adapters/dynamodb/report-repository';
import { CALENDAR } from '../application/business-calendar';
import { feedbackLink, problemLink } from '../application/client-links';
import { notifyOnce } from '../application/notifications';
import { loadOnboarding } from '../application/onboarding-loader';
import { ConflictError } from '../runtime/errors';
import { formatEuro } from '../templates/format';
import { followUpReportEmail } from '../templates/email/follow-up-report';
import { pdfAttachment, storedOrRenderedPdf } from '../application/stored-pdf';
import { reportPdfFileName } from '../templates/pdf/file-names';

const STEP = 'SendFollowUpReport';
const pending = (onboarding: Onboarding) => (onboarding.pendingProblems ?? 0) > 0;

/**
 * Seed step 5, report and feedback: monitoring ended with no new problem. The immutable report
 * (tickets, hours estimated vs logged, cost at the agreed rate in exact cents, SLA compliance,
 * breaches, open points), COMPLETED, and the problem link's end are one transaction, guarded by
 * "no problem pending": a report racing the end of monitoring starts a round instead. Then the
 * client gets the report (the account manager in copy) with a single-use feedback link.
 */
export async function sendFollowUpReport(input: { onboardingId: string; now: string; feedbackValidSeconds: number }): Promise<{ completed: boolean }> {
  let onboarding = await loadOnboarding(input.onboardingId);
  if (pending(onboarding)) return { completed: false };
  if (onboarding.status === 'MONITORING') {
    const agreement = onboarding.agreement && (await findAgreementVersion(onboarding.id, onboarding.agreement.version));
    if (!agreement) throw new ConflictError(`Onboarding ${onboarding.id} has no agreement to report on`);
    const { tickets, refused } = await ticketsAndRefusals(onboarding.id);
    const report = buildFollowUpReport({ onboardingId: onboarding.id, agreement, tickets, calendar: CALENDAR, refusedProblems: refused, now: input.now, version: 1 });
    const { tokenHash } = await problemLink(onboarding.id);
    try {
      onboarding = await transitionOnboarding(
        onboarding,
        'completed',
        {
          at: input.now,
          actor: { kind: 'system', step: STEP },
          detail: `Follow-up report: ${report.lines.length} ticket(s), ${formatEuro(report.totals.inclVatCents, 'nl')} incl. VAT`,
        },
        {},
        {
          remove: ['monitoringTask'],
          condition: { expression: 'attribute_not_exists(pendingProblems) OR pendingProblems = :zero', values: { ':zero': 0 } },
          also: [reportPut(report), problemLinkRevocation(tokenHash, input.now)],
        },
      );
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      onboarding = (await findOnboarding(input.onboardingId)) ?? onboarding;
      if (pending(onboarding)) return { completed: false };
      if (onboarding.status !== 'COMPLETED') throw error;
    }
  }
  if (onboarding.status !== 'COMPLETED') throw new ConflictError(`Onboarding ${onboarding.id} cannot be completed in status ${onboarding.status}`);

  const report = await findReport(onboarding.id);
  if (!report) throw new ConflictError(`Onboarding ${onboarding.id} is COMPLETED without its report`);
  const { url, tokenHash } = await feedbackLink(onboarding.id);
  const validUntil = new Date(Date.parse(input.now) + input.feedbackValidSeconds * 1000).toISOString();
  await createOrFindPublicLink({ tokenHash, purpose: 'feedback', onboardingId: onboarding.id, createdAt: input.now, validUntil }, validUntil);
  const completed = onboarding;
  await notifyOnce(completed, {
    notice: { kind: 'followUpReport' },
    step: STEP,
    to: [primaryContact(completed).email],
    cc: [completed.accountManager.email],
    render: () => followUpReportEmail({ onboarding: completed, report, feedbackUrl: url }),
    // The report's PDF, rendered once and stored as REPORT#<v>: a retry attaches the same bytes.
    attachments: async () => {
      const agreement = completed.agreement && (await findAgreementVersion(completed.id, completed.agreement.version));
      const pdf = await storedOrRenderedPdf(
        { onboardingId: completed.id, kind: 'report', version: report.version },
        // Loaded when a PDF is rendered, not when the container starts (pdf-lib and the fonts).
        async () => (await import('../templates/pdf/report-pdf')).renderReportPdf(report, agreement?.provider ? { provider: agreement.provider } : {}),
        input.now,
      );
      return [pdfAttachment(pdf, reportPdfFileName(report))];
    },
    detail: 'Follow-up report e-mailed to the client (account manager in copy) with its PDF and the feedback link',
    at: input.now,
  });
  return { completed: true };
}
