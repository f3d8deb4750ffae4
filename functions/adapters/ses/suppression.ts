import { GetSuppressedDestinationCommand, NotFoundException, PutSuppressedDestinationCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { SuppressionReason } from '../../domain/delivery-problem';
import { rethrowTransient } from '../../runtime/errors';

const ses = new SESv2Client({});

/**
 * Puts the address on the account-level suppression list (grant: suppression). SES then accepts
 * sends to it and delivers them nowhere, which spares the account's bounce and complaint rates.
 * Putting an address that is already there only refreshes its entry.
 */
export async function suppressAddress(address: string, reason: SuppressionReason): Promise<void> {
  try {
    await ses.send(new PutSuppressedDestinationCommand({ EmailAddress: address, Reason: reason }));
  } catch (error) {
    rethrowTransient('SES', error);
  }
}

/** Whether the address is on the account-level suppression list (grant: suppression). */
export async function isSuppressed(address: string): Promise<boolean> {
  try {
    await ses.send(new GetSuppressedDestinationCommand({ EmailAddress: address }));
    return true;
  } catch (error) {
    if (error instanceof NotFoundException) return false;
    rethrowTransient('SES', error);
  }
}
