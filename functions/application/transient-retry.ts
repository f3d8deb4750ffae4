import { TransientDependencyError } from '../runtime/errors';

/**
 * Runs `attempt` again, briefly, when it fails with a TransientDependencyError: a transaction that
 * met a concurrent one (a double click on a public form, two tabs) is cancelled, not applied, so
 * the next try sees what the other one wrote and answers as a second submission does. Only for
 * work that is safe to repeat; after the last try the error goes to the caller (503).
 */
export async function retryTransient<T>(attempt: () => Promise<T>, tries = 3): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof TransientDependencyError) || n >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** n + Math.random() * 25));
    }
  }
}
