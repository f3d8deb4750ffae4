/**
 * A value created the first time it is asked for, then kept for the container's life; a failed
 * creation is tried again on the next call.
 *
 * The SDK clients other than DynamoDB's are made this way. Every function reads or writes the table
 * on every invocation, so the DynamoDB client is created when the module loads. SES, Step Functions
 * and Secrets Manager are needed on some paths only, and their modules are the heaviest part of a
 * cold start (SES v2 alone takes longer to load than the whole bundle: docs/benchmarks.md). Loaded
 * here, a path that sends no e-mail and resumes no task never pays for them.
 */
export function onFirstUse<T>(create: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () =>
    (value ??= create().catch((error: unknown) => {
      value = undefined;
      throw error;
    }));
}
