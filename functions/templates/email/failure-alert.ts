import { html } from '../html';
import { emailHtml, textFooter, type RenderedEmail } from './layout';

/** To operations: a workflow step failed after its retries. Ids and error names only. */
export function failureAlert(alert: { onboardingId: string; error: string; at: string; executionHint: string; retryUrl: string }): RenderedEmail {
  const subject = `[Break & Fix] Onboarding ${alert.onboardingId} FAILED: ${alert.error}`;
  const lines = [
    `Onboarding ${alert.onboardingId} failed at ${alert.at} with ${alert.error}; its status is now FAILED.`,
    `Execution: ${alert.executionHint}`,
    `Read the execution history (GetExecutionHistory) and the step logs, fix the cause, then resume it at the failed step (an admin): POST ${alert.retryUrl} (docs/recovery.md).`,
  ];
  const body = html`<p>${lines[0]}</p><p>${lines[1]}</p><p>${lines[2]}</p>`;
  return { subject, text: [...lines, textFooter('en')].join('\n\n'), html: emailHtml('en', subject, body) };
}
