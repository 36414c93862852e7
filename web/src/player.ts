// The seam between the page and a video transport. MJPEG now; H.264 over WebSocket and
// WebRTC players implement the same interface and are chosen by the toolbar's mode.

export interface FrameInfo {
  /** X-Frame-Seq (or the transport's own sequence) */
  seq: number;
  /** capture time, microseconds since the Unix epoch; 0 when unknown */
  captureMicros: number;
  /** capture → on screen, milliseconds; NaN when unknown */
  latencyMs: number;
  width: number;
  height: number;
  bytes: number;
}

export type PlayerState = 'connecting' | 'playing' | 'stalled' | 'error' | 'stopped';

export interface VideoPlayer {
  /** Shown in the status line: "MJPEG", "H.264", "WebRTC". */
  readonly name: string;
  /** The element that shows the picture (a canvas, video or img), styled object-fit: contain. */
  readonly element: HTMLElement;
  start(): void;
  stop(): void;
  /** The picture's intrinsic size, null before the first frame. */
  videoSize(): { width: number; height: number } | null;
  onFrame: (frame: FrameInfo) => void;
  onState: (state: PlayerState, detail?: string) => void;
  /** Optional transport figures for the status line, e.g. "decode 2.1 ms · dropped 0". */
  detail?(): string;
}

/** Wall clock in milliseconds with sub-millisecond precision (the same clock as the server's µs). */
export function nowMillis(): number {
  return performance.timeOrigin + performance.now();
}
