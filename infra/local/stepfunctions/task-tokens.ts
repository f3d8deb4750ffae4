import { randomBytes } from 'node:crypto';
import type { JsonValue } from './json';
import { ServiceError } from './service-error';

/** Receives the outcome SendTaskSuccess / SendTaskFailure report for a waiting task. */
export interface TaskTokenWaiter {
  succeed(output: JsonValue): void;
  fail(error: string | undefined, cause: string | undefined): void;
}

type TokenEntry =
  | { executionArn: string; state: 'minted' }
  | { executionArn: string; state: 'waiting'; waiter: TaskTokenWaiter }
  | { executionArn: string; state: 'closed' };

/**
 * AWS task tokens are long opaque base64 strings (several hundred characters, `+` and `/` included,
 * so callers that put them in URLs must encode them). Ours: "AQ" + 480 random bytes in base64.
 */
const TOKEN_BYTES = 480;
const TOKEN_FORMAT = /^AQ[A-Za-z0-9+/]{640}$/;

/** Every task token the twin minted, and what became of it. */
export class TaskTokenRegistry {
  private readonly tokens = new Map<string, TokenEntry>();
  private readonly byExecution = new Map<string, Set<string>>();

  /** A fresh token for `$$.Task.Token`; it names no task until a waitForTaskToken task claims it. */
  mint(executionArn: string): string {
    const token = `AQ${randomBytes(TOKEN_BYTES).toString('base64')}`;
    this.tokens.set(token, { executionArn, state: 'minted' });
    const owned = this.byExecution.get(executionArn) ?? new Set<string>();
    owned.add(token);
    this.byExecution.set(executionArn, owned);
    return token;
  }

  /** Whether `value` is a token minted for `executionArn` that no task has claimed yet. */
  isUnclaimed(value: string, executionArn: string): boolean {
    const entry = this.tokens.get(value);
    return entry?.state === 'minted' && entry.executionArn === executionArn;
  }

  claim(token: string, waiter: TaskTokenWaiter): void {
    const entry = this.tokens.get(token);
    if (entry?.state === 'minted') this.tokens.set(token, { executionArn: entry.executionArn, state: 'waiting', waiter });
  }

  /** The task ended (completed, failed, timed out, aborted): later reports get TaskTimedOut. */
  close(token: string): void {
    const entry = this.tokens.get(token);
    if (entry) this.tokens.set(token, { executionArn: entry.executionArn, state: 'closed' });
  }

  closeExecution(executionArn: string): void {
    for (const token of this.byExecution.get(executionArn) ?? []) this.close(token);
  }

  succeed(token: string, output: JsonValue): void {
    const waiter = this.takeWaiter(token);
    waiter.succeed(output);
  }

  fail(token: string, error: string | undefined, cause: string | undefined): void {
    const waiter = this.takeWaiter(token);
    waiter.fail(error, cause);
  }

  /** SendTaskHeartbeat: only checks that the task still waits (the twin does not enforce HeartbeatSeconds). */
  heartbeat(token: string): void {
    this.waitingEntry(token);
  }

  /** Checks the token's shape before anything else, as AWS rejects undecodable tokens with InvalidToken. */
  assertWellFormed(token: string): void {
    if (!TOKEN_FORMAT.test(token)) throw new ServiceError('InvalidToken', "Invalid Token: 'Invalid token'");
  }

  private takeWaiter(token: string): TaskTokenWaiter {
    const entry = this.waitingEntry(token);
    this.close(token);
    return entry.waiter;
  }

  private waitingEntry(token: string): Extract<TokenEntry, { state: 'waiting' }> {
    this.assertWellFormed(token);
    const entry = this.tokens.get(token);
    if (!entry) throw new ServiceError('InvalidToken', "Invalid Token: 'Invalid token'");
    if (entry.state === 'minted') throw new ServiceError('TaskDoesNotExist', 'Task Does Not Exist: no task waits for this token');
    if (entry.state === 'closed') throw new ServiceError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'");
    return entry;
  }
}
