/**
 * Refusals of a send that no retry fixes, named after their cause. SES v2 answers both with
 * MessageRejected (400) and the message "Email address is not verified. The following identities
 * failed the check in region <REGION>: <identity>, <identity>": the sender's identity when it is
 * not verified, a recipient while the account is in the SES sandbox. Messages name neither
 * address: recipients are personal data and stay out of logs.
 */

export class SesSandboxRefusalError extends Error {
  constructor(readonly region: string) {
    super(
      `SES refused the send: the SES account is in the sandbox in ${region}, where it sends only to verified addresses, ` +
        'and a recipient is not verified. Verify the recipient in SES, or request production access (docs/email-delivery.md).',
    );
    this.name = 'SesSandboxRefusalError';
  }
}

export class SesSenderNotVerifiedError extends Error {
  constructor(readonly region: string) {
    super(
      `SES refused the send: the sender identity (SENDER_ADDRESS, or its domain) is not verified in ${region}. ` +
        'Confirm the verification mail SES sent, or create the DNS records of the domain identity (docs/email-delivery.md).',
    );
    this.name = 'SesSenderNotVerifiedError';
  }
}

const NOT_VERIFIED = /Email address is not verified\. The following identities failed the check in region ([A-Za-z0-9-]+):\s*(.*)$/s;

/**
 * The named refusal `error` stands for, or undefined when it is some other failure. `senderMailbox`
 * is the From address (without display name): when it or its domain is among the identities
 * that failed, the sender is at fault, not the sandbox.
 */
export function namedRefusal(error: unknown, senderMailbox: string): SesSandboxRefusalError | SesSenderNotVerifiedError | undefined {
  if (!(error instanceof Error) || error.name !== 'MessageRejected') return undefined;
  const match = NOT_VERIFIED.exec(error.message);
  if (!match) return undefined;
  const region = match[1]!.toLowerCase();
  const failed = match[2]!.split(',').map((identity) => identity.trim().toLowerCase());
  const sender = senderMailbox.toLowerCase();
  const senderDomain = sender.slice(sender.lastIndexOf('@') + 1);
  if (failed.some((identity) => identity === sender || identity === senderDomain)) return new SesSenderNotVerifiedError(region);
  return new SesSandboxRefusalError(region);
}
