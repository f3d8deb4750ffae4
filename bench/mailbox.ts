/**
 * The clients' mailboxes, for the end-to-end bench: one poller reads the twin's SES store
 * (aws-ses-v2-local's `GET <ses>/store?since=<epoch s>`) for every actor, so the polling load stays
 * one request per interval however many onboardings wait for a link. Every actor reading the whole
 * store itself would fetch every e-mail so far (offers carry their PDF, base64) on every poll: a
 * load that grows with N² and that no real mailbox has. E-mails are kept once by message id.
 */
export interface Mail {
  messageId: string;
  destination: { to: string[]; cc?: string[]; bcc?: string[] };
  subject: string;
  body: { html?: string; text?: string };
  at: number;
}

interface Waiter {
  match: (mail: Mail) => string | undefined;
  resolve: (value: string) => void;
}

/** Wait for a mail to whoever it went to (staff mail: ticket assignments to any technician). */
export const ANY_RECIPIENT = '*';

export class Mailbox {
  private readonly seen = new Set<string>();
  private readonly byRecipient = new Map<string, Mail[]>();
  private readonly all: Mail[] = [];
  private readonly waiters = new Map<string, Set<Waiter>>();
  private sinceSeconds = 0;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  /** Requests made to the store (the harness's own load, not the API's). */
  storeRequests = 0;

  constructor(
    private readonly sesUrl: string,
    private readonly intervalMs = 250,
  ) {}

  /** Every e-mail in the store now (for counting): the store's whole list, read once. */
  async total(): Promise<number> {
    const response = await fetch(`${this.sesUrl}/store`);
    const { emails } = (await response.json()) as { emails: Mail[] };
    return emails.length;
  }

  start(): void {
    this.sinceSeconds = Math.floor(Date.now() / 1000) - 1;
    const tick = async () => {
      if (!this.polling) {
        this.polling = true;
        try {
          await this.poll();
        } catch {
          // The next tick tries again; a waiter's own timeout bounds the wait.
        } finally {
          this.polling = false;
        }
      }
      this.timer = setTimeout(() => void tick(), this.intervalMs);
    };
    this.timer = setTimeout(() => void tick(), this.intervalMs);
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /**
   * Resolves with the first `match` result over the mails to `recipient` (already seen or arriving);
   * ANY_RECIPIENT matches every mail, once.
   */
  waitFor(recipient: string, what: string, match: (mail: Mail) => string | undefined, timeoutMs: number): Promise<string> {
    for (const mail of recipient === ANY_RECIPIENT ? this.all : (this.byRecipient.get(recipient) ?? [])) {
      const found = match(mail);
      if (found !== undefined) return Promise.resolve(found);
    }
    return new Promise<string>((resolve, reject) => {
      const set = this.waiters.get(recipient) ?? new Set<Waiter>();
      this.waiters.set(recipient, set);
      const timer = setTimeout(() => {
        set.delete(waiter);
        reject(new Error(`${what} for ${recipient}: no such e-mail within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter: Waiter = {
        match,
        resolve: (value) => {
          clearTimeout(timer);
          set.delete(waiter);
          resolve(value);
        },
      };
      set.add(waiter);
    });
  }

  /** The mails seen so far that went to `recipient`. */
  mailsTo(recipient: string): readonly Mail[] {
    return this.byRecipient.get(recipient) ?? [];
  }

  private async poll(): Promise<void> {
    if ([...this.waiters.values()].every((set) => set.size === 0)) return;
    this.storeRequests++;
    const response = await fetch(`${this.sesUrl}/store?since=${this.sinceSeconds}`);
    const { emails } = (await response.json()) as { emails: Mail[] };
    for (const mail of emails) {
      if (this.seen.has(mail.messageId)) continue;
      this.seen.add(mail.messageId);
      // `since` is inclusive and in whole seconds: ask again from the newest second seen.
      this.sinceSeconds = Math.max(this.sinceSeconds, mail.at);
      // Keep only what the actors read: the body's text, not the HTML or attachments.
      const kept: Mail = { messageId: mail.messageId, destination: mail.destination, subject: mail.subject, body: { ...(mail.body.text !== undefined ? { text: mail.body.text } : {}) }, at: mail.at };
      this.all.push(kept);
      for (const recipient of [...mail.destination.to, ...(mail.destination.cc ?? []), ANY_RECIPIENT]) {
        if (recipient !== ANY_RECIPIENT) {
          const list = this.byRecipient.get(recipient) ?? [];
          list.push(kept);
          this.byRecipient.set(recipient, list);
        }
        for (const waiter of [...(this.waiters.get(recipient) ?? [])]) {
          const found = waiter.match(kept);
          if (found !== undefined) waiter.resolve(found);
        }
      }
    }
  }
}

/** A matcher for the newest-style link of `kind` (`agreements`, `problems`, `feedback`) in a mail's text. */
export const linkIn =
  (kind: 'agreements' | 'problems' | 'feedback') =>
  (mail: Mail): string | undefined =>
    mail.body.text?.match(new RegExp(`https?://\\S+/${kind}/[A-Za-z0-9_-]{43}`))?.[0];
