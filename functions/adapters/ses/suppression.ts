import type { SuppressionReason } from '../../domain/delivery-problem';
import { rethrowTransient } from '../../runtime/errors';
import { ses } from './client';


/**
 * Puts the address on the account-level suppression list (grant: suppression). SES then accepts
 * sends to it and delivers them nowhere, which spares the account's bounce and complaint rates.
 * Putting an address that is already there only refreshes its entry.
 */
export async function suppressAddress(address: string, reason: SuppressionReason): Promise<void> {
  const { sdk, client } = await ses();
  try {
    await client.send(new sdk.PutSuppressedDestinationCommand({ EmailAddress: address, Reason: reason }));
  } catch (error) {
    rethrowTransient('SES', error);
  }
}

/** Whether the address is on the account-level suppression list (grant: suppression). */
export async function isSuppressed(address: string): Promise<boolean> {
  const { sdk, client } = await ses();
  try {
    await client.send(new sdk.GetSuppressedDestinationCommand({ EmailAddress: address }));
    return true;
  } catch (error) {
    if (error instanceof sdk.NotFoundException) return false;
    rethrowTransient('SES', error);
  }
}
