import { readFileSync } from 'node:fs';

/**
 * Resident memory while something runs: this process's RSS (process.memoryUsage.rss()) and another
 * process's VmRSS (the DynamoDB Local JVM) sampled every `intervalMs`, plus the kernel's high-water
 * marks (VmHWM in /proc/<pid>/status: the peak over the process's whole life, not only the window).
 */
export interface MemoryPeaks {
  samples: number;
  /** Peak sampled RSS of this Node process during the window, MB. */
  nodePeakMb: number;
  /** Peak sampled VmRSS of the other process during the window, MB. */
  otherPeakMb: number;
  /** VmHWM at the end of the window, MB (lifetime peaks). */
  nodeHwmMb: number;
  otherHwmMb: number;
}

const MB = 1024 * 1024;

/** A field of /proc/<pid>/status in MB (they are in kB), or NaN where it cannot be read. */
export function procStatusMb(pid: number | 'self', field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

export class MemorySampler {
  private timer: NodeJS.Timeout | undefined;
  private samples = 0;
  private nodePeak = 0;
  private otherPeak = 0;

  constructor(
    private readonly otherPid: number,
    private readonly intervalMs = 200,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  stop(): MemoryPeaks {
    clearInterval(this.timer);
    this.sample();
    return {
      samples: this.samples,
      nodePeakMb: this.nodePeak / MB,
      otherPeakMb: this.otherPeak,
      nodeHwmMb: procStatusMb('self', 'VmHWM'),
      otherHwmMb: procStatusMb(this.otherPid, 'VmHWM'),
    };
  }

  private sample(): void {
    this.samples++;
    this.nodePeak = Math.max(this.nodePeak, process.memoryUsage.rss());
    const other = procStatusMb(this.otherPid, 'VmRSS');
    if (!Number.isNaN(other)) this.otherPeak = Math.max(this.otherPeak, other);
  }
}
