/**
 * What the demo is doing now (the watchdog names it when time runs out), a live line per step, and
 * polling with a deadline: people check the inbox or a page again, they do not get callbacks.
 */
export class Progress {
  private readonly startedAt = Date.now();
  /** The step under way, e.g. "technicians: resolve round 1 (3 tickets)". */
  current = 'starting the twin';

  constructor(private readonly write: (line: string) => void) {}

  elapsed(): string {
    return `${((Date.now() - this.startedAt) / 1000).toFixed(1).padStart(5)} s`;
  }

  /** Marks a step as under way. */
  step(what: string): void {
    this.current = what;
  }

  /** One line of the walkthrough: when (seconds since start), who, what. */
  did(who: string, what: string): void {
    this.write(`  ${this.elapsed()}  ${who.padEnd(16)} ${what}`);
  }

  /**
   * Calls `probe` every `intervalMs` until it returns a value (not undefined); after `timeoutMs`
   * the demo fails naming `what`. An error thrown by the probe (an unexpected HTTP status) ends it at once.
   */
  async until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, intervalMs = 200): Promise<T> {
    const previous = this.current;
    this.current = `${previous}: waiting until ${what}`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) {
        this.current = previous;
        return value;
      }
      if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs / 1000} s waiting until ${what} (while: ${previous})`);
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
}
