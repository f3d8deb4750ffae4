import type { Agreement } from '../../domain/agreement';
import type { FollowUpReport } from '../../domain/follow-up-report';
import { AGREEMENT_PDF_TEXT } from './agreement-pdf-text';

/**
 * The agreement PDF's file name, as attached and as served: "overeenkomst-onb-…-v2.pdf" /
 * "agreement-onb-…-v2.pdf". No PDF library here: the route that serves stored PDFs, and the
 * steps before they load the renderer, import this module.
 */
export function agreementPdfFileName(agreement: Pick<Agreement, 'onboardingId' | 'version' | 'client'>): string {
  return AGREEMENT_PDF_TEXT[agreement.client.locale].fileName(agreement.onboardingId, agreement.version);
}

/** The report PDF's file name: "eindrapport-onb-…-v1.pdf" / "final-report-onb-…-v1.pdf". */
export function reportPdfFileName(report: Pick<FollowUpReport, 'onboardingId' | 'version' | 'client'>): string {
  const stem = report.client.locale === 'nl' ? 'eindrapport' : 'final-report';
  return `${stem}-${report.onboardingId}-v${report.version}.pdf`;
}
