// MJPEG player: fetch() the multipart stream and parse it, so every frame's X-Timestamp is
// known and the overlay can show real capture→screen latency (an <img> cannot see part
// headers). Frames are decoded off the main thread (createImageBitmap) and drawn to a canvas;
// while one frame decodes, only the newest arriving frame is kept: late frames are skipped,
// never queued.
import { Backoff } from './backoff.js';
import { MultipartParser } from './multipart.js';
import { nowMillis, type FrameInfo, type PlayerState, type VideoPlayer } from './player.js';

interface Pending {
  body: Uint8Array;
  seq: number;
  captureMicros: number;
}

export class MjpegPlayer implements VideoPlayer {
  readonly name = 'MJPEG';
  readonly element: HTMLCanvasElement;
  onFrame: (frame: FrameInfo) => void = () => {};
  onState: (state: PlayerState, detail?: string) => void = () => {};

  private readonly context: CanvasRenderingContext2D;
  private abort: AbortController | null = null;
  private running = false;
  private decoding = false;
  private pending: Pending | null = null;
  private readonly reconnect = new Backoff();
  private size: { width: number; height: number } | null = null;
  private readonly onVisibility = () => this.visibilityChanged();

  constructor(private readonly url = '/api/stream/mjpeg') {
    this.element = document.createElement('canvas');
    this.element.className = 'video-surface';
    this.element.width = 1280;
    this.element.height = 720;
    const context = this.element.getContext('2d', { alpha: false });
    if (!context) throw new Error('no 2D canvas');
    this.context = context;
  }

  videoSize(): { width: number; height: number } | null {
    return this.size;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    this.connect();
  }

  stop(): void {
    this.running = false;
    document.removeEventListener('visibilitychange', this.onVisibility);
    this.reconnect.cancel();
    this.abort?.abort();
    this.abort = null;
    this.onState('stopped');
  }

  /** A hidden tab takes no frames (saves the device's uplink); it reconnects when shown. */
  private visibilityChanged(): void {
    if (!this.running) return;
    if (document.visibilityState === 'hidden') {
      this.reconnect.cancel();
      this.abort?.abort();
      this.abort = null;
    } else if (!this.abort) {
      this.connect();
    }
  }

  private connect(): void {
    const abort = new AbortController();
    this.abort = abort;
    this.onState('connecting');
    void this.read(abort).catch((error: unknown) => {
      if (abort.signal.aborted || !this.running) return;
      this.onState('error', error instanceof Error ? error.message : String(error));
    }).finally(() => {
      if (this.abort === abort && this.running && !abort.signal.aborted) {
        this.abort = null;
        this.reconnect.schedule(() => this.connect());
      }
    });
  }

  private async read(abort: AbortController): Promise<void> {
    const response = await fetch(this.url, { signal: abort.signal, cache: 'no-store' });
    if (!response.ok || !response.body) {
      let message = `HTTP ${response.status}`;
      try {
        const error = (await response.json()) as { message?: string };
        if (error.message) message = error.message;
      } catch {
        // not JSON
      }
      throw new Error(message);
    }
    const boundary = MultipartParser.boundaryOf(response.headers.get('content-type')) ?? 'frame';
    const parser = new MultipartParser(boundary);
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw new Error('the video stream ended');
      for (const part of parser.push(value)) {
        const seq = Number.parseInt(part.headers.get('x-frame-seq') ?? '', 10);
        const ts = Number.parseInt(part.headers.get('x-timestamp') ?? '', 10);
        this.offer({ body: part.body, seq: Number.isFinite(seq) ? seq : -1, captureMicros: Number.isFinite(ts) ? ts : 0 });
      }
    }
  }

  private offer(frame: Pending): void {
    this.pending = frame; // newest wins
    if (!this.decoding) void this.decodeNext();
  }

  private async decodeNext(): Promise<void> {
    this.decoding = true;
    try {
      while (this.pending && this.running) {
        const frame = this.pending;
        this.pending = null;
        let bitmap: ImageBitmap;
        try {
          bitmap = await createImageBitmap(new Blob([frame.body as BlobPart], { type: 'image/jpeg' }));
        } catch {
          continue; // a damaged frame: wait for the next one
        }
        if (this.element.width !== bitmap.width || this.element.height !== bitmap.height) {
          this.element.width = bitmap.width;
          this.element.height = bitmap.height;
        }
        this.context.drawImage(bitmap, 0, 0);
        const width = bitmap.width;
        const height = bitmap.height;
        bitmap.close();
        if (!this.size || this.size.width !== width || this.size.height !== height) this.size = { width, height };
        this.reconnect.reset();
        this.onState('playing');
        this.onFrame({
          seq: frame.seq,
          captureMicros: frame.captureMicros,
          latencyMs: frame.captureMicros > 0 ? nowMillis() - frame.captureMicros / 1000 : Number.NaN,
          width,
          height,
          bytes: frame.body.length,
        });
      }
    } finally {
      this.decoding = false;
    }
  }
}
