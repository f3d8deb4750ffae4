/**
 * How a task's failure reaches the engine. The engine matches Retry/Catch on `name`, builds the
 * catcher's `{Error, Cause}` from `name` and `message`, and reads its own `isRetryable`/`isCatchable`
 * flags (absent means yes), so those carry the Step Functions error, cause and nature.
 */
export class TaskFailure extends Error {
  constructor(
    error: string,
    cause: string,
    readonly isRetryable = true,
    readonly isCatchable = true,
  ) {
    super(cause);
    this.name = error;
  }

  /** An invokeLambda rejection as Step Functions reports it (unknown shapes become Lambda.Unknown). */
  static fromLambdaRejection(reason: unknown): TaskFailure {
    if (reason instanceof TaskFailure) return reason;
    if (reason instanceof Error) return new TaskFailure(reason.name, reason.message);
    return new TaskFailure('Lambda.Unknown', typeof reason === 'string' ? reason : JSON.stringify(reason ?? null));
  }

  /** A States.Runtime error: like the engine's own, neither Retry nor Catch can handle it. */
  static runtime(cause: string): TaskFailure {
    return new TaskFailure('States.Runtime', cause, false, false);
  }
}

/**
 * Ends the attempt of a task whose execution (or Map iteration) was aborted, or that timed out. The
 * engine keeps running an aborted state until its task settles; a non-retryable, non-catchable error
 * lets it finish without starting new attempts for work nobody waits for.
 */
export class AbandonedTask extends TaskFailure {
  constructor() {
    super('States.Runtime', 'The task was abandoned: it timed out or its execution ended', false, false);
  }
}
