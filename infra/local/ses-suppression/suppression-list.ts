/** SES's reasons for an entry on the account-level suppression list. */
export const SUPPRESSION_REASONS = ['BOUNCE', 'COMPLAINT'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export interface SuppressedDestination {
  EmailAddress: string;
  Reason: SuppressionReason;
  /** Epoch seconds, as SES v2's REST-JSON protocol writes timestamps. */
  LastUpdateTime: number;
}

/** "Name <a@b.nl>" → "a@b.nl", lowercased: SES matches suppressed addresses regardless of case. */
export function mailboxKey(address: string): string {
  return (/<([^<>]+)>\s*$/.exec(address)?.[1] ?? address).trim().toLowerCase();
}

/** The twin's account-level suppression list: in memory, gone with the twin (as a fresh account's is empty). */
export class SuppressionList {
  private readonly entries = new Map<string, SuppressedDestination>();

  put(address: string, reason: SuppressionReason, now = new Date()): void {
    this.entries.set(mailboxKey(address), { EmailAddress: address.trim(), Reason: reason, LastUpdateTime: Math.floor(now.getTime() / 1000) });
  }

  get(address: string): SuppressedDestination | undefined {
    return this.entries.get(mailboxKey(address));
  }

  delete(address: string): boolean {
    return this.entries.delete(mailboxKey(address));
  }

  has(address: string): boolean {
    return this.entries.has(mailboxKey(address));
  }

  all(): SuppressedDestination[] {
    return [...this.entries.values()];
  }
}
