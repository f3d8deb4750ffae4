import type { DeliveryProblem } from '../../domain/delivery-problem';
import { html } from '../html';
import { emailHtml, textFooter, type RenderedEmail } from './layout';

/**
 * To operations: a staff address (an account manager, analyst, technician or operations itself)
 * bounced permanently or complained, and SES now suppresses it. Staff mail about onboardings
 * reaches nobody at that address until it works again and is taken off the list.
 */
export function staffAddressUndeliverableAlert(input: { address: string; problem: DeliveryProblem; onboardingId?: string; role: 'account manager' | 'staff' }): RenderedEmail {
  const { address, problem, onboardingId } = input;
  const what = problem.reason === 'BOUNCE' ? `bounced permanently (${problem.kind})` : `complained about our e-mail (${problem.kind})`;
  const subject = `[Break & Fix] Staff address suppressed at SES: ${address}`;
  const lines = [
    `The ${input.role} address ${address} ${what} at ${problem.at}${onboardingId ? `, on an e-mail about onboarding ${onboardingId}` : ''}. It is now on the SES account's suppression list: SES accepts e-mail to it and delivers none.`,
    'Fix the mailbox (or the address in the stage config or the technician record), then take it off the list: aws sesv2 delete-suppressed-destination --email-address <address>.',
    `SES message id: ${problem.messageId}`,
  ];
  const body = html`<p>${lines[0]}</p><p>${lines[1]}</p><p>${lines[2]}</p>`;
  return { subject, text: [...lines, textFooter('en')].join('\n\n'), html: emailHtml('en', subject, body) };
}
