// Per-frame statistics for the status line and the overlay: fps, latency (last, mean, p95),
// skipped frames (gaps in the sequence), bit rate.
import type { FrameInfo } from './player.js';

const WINDOW = 120;

export interface Summary {
  fps: number;
  latencyLast: number;
  latencyMean: number;
  latencyP95: number;
  kbps: number;
  skipped: number;
  frames: number;
  width: number;
  height: number;
  seq: number;
}

export class FrameStats {
  private readonly times: number[] = [];
  private readonly latencies: number[] = [];
  private readonly sizes: number[] = [];
  private lastSeq = -1;
  private skipped = 0;
  private frames = 0;
  private last: FrameInfo | null = null;

  add(frame: FrameInfo): void {
    const now = performance.now();
    this.frames++;
    if (this.lastSeq >= 0 && frame.seq > this.lastSeq + 1) this.skipped += frame.seq - this.lastSeq - 1;
    if (frame.seq >= 0) this.lastSeq = frame.seq;
    push(this.times, now);
    push(this.sizes, frame.bytes);
    if (Number.isFinite(frame.latencyMs)) push(this.latencies, frame.latencyMs);
    this.last = frame;
  }

  /** Latencies of the recent frames, oldest first (for the overlay's graph). */
  recentLatencies(): readonly number[] {
    return this.latencies;
  }

  summary(): Summary {
    const now = performance.now();
    let inLastSecond = 0;
    let bytes = 0;
    for (let i = this.times.length - 1; i >= 0 && now - this.times[i]! <= 1000; i--) {
      inLastSecond++;
      bytes += this.sizes[i]!;
    }
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : Number.NaN;
    const p95 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]! : Number.NaN;
    return {
      fps: inLastSecond,
      latencyLast: this.latencies.length ? this.latencies[this.latencies.length - 1]! : Number.NaN,
      latencyMean: mean,
      latencyP95: p95,
      kbps: (bytes * 8) / 1000,
      skipped: this.skipped,
      frames: this.frames,
      width: this.last?.width ?? 0,
      height: this.last?.height ?? 0,
      seq: this.last?.seq ?? -1,
    };
  }
}

function push(values: number[], value: number): void {
  values.push(value);
  if (values.length > WINDOW) values.shift();
}

export function formatMillis(value: number): string {
  return Number.isFinite(value) ? `${Math.round(value)} ms` : '–';
}
