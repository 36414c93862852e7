// H.264 over WebSocket with WebCodecs: the page side. The canvas is handed to a worker
// (transferControlToOffscreen) that owns the socket, the decoder and the drawing
// (h264-worker.ts); the page only forwards visibility and collects per-frame figures.
import type { FromWorker, ToWorker } from './h264-worker.js';
import type { FrameInfo, PlayerState, VideoPlayer } from './player.js';

const DECODE_WINDOW = 60;

export class H264Player implements VideoPlayer {
  readonly name = 'H.264';
  onFrame: (frame: FrameInfo) => void = () => {};
  onState: (state: PlayerState, detail?: string) => void = () => {};

  private canvas: HTMLCanvasElement;
  private worker: Worker | null = null;
  private size: { width: number; height: number } | null = null;
  private readonly decodeTimes: number[] = [];
  private dropped = 0;
  private decoderErrors = 0;
  private startTimer: number | undefined;
  private readonly onVisibility = () => this.post({ type: 'visible', visible: document.visibilityState === 'visible' });

  /** WebCodecs needs a secure context (https or localhost); the worker draws on an OffscreenCanvas. */
  static supported(): boolean {
    return window.isSecureContext && 'VideoDecoder' in window && 'EncodedVideoChunk' in window
      && typeof HTMLCanvasElement.prototype.transferControlToOffscreen === 'function';
  }

  constructor(private readonly path = '/api/stream/h264') {
    this.canvas = H264Player.newCanvas();
  }

  /** A canvas can be transferred once: a restart after stop() gets a fresh one in the same place. */
  get element(): HTMLElement {
    return this.canvas;
  }

  videoSize(): { width: number; height: number } | null {
    return this.size;
  }

  /** Status line: mean decode time (chunk queued → frame out) over the recent frames, frames dropped here. */
  detail(): string {
    const times = this.decodeTimes;
    const mean = times.length ? times.reduce((a, b) => a + b, 0) / times.length : Number.NaN;
    const decode = Number.isFinite(mean) ? `${mean < 10 ? mean.toFixed(1) : Math.round(mean)} ms` : '–';
    return `decode ${decode} · dropped ${this.dropped}${this.decoderErrors ? ` · decoder errors ${this.decoderErrors}` : ''}`;
  }

  start(): void {
    if (this.worker) return;
    if (this.canvas.dataset['transferred']) {
      const fresh = H264Player.newCanvas();
      this.canvas.replaceWith(fresh);
      this.canvas = fresh;
    }
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const worker = new Worker(new URL('./h264-worker.js', import.meta.url), { type: 'module', name: 'h264' });
    this.worker = worker;
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      window.clearTimeout(this.startTimer);
      this.received(event.data);
    };
    // A worker whose module cannot load (e.g. a Content-Security-Policy without 'self') may fail silently.
    this.startTimer = window.setTimeout(() => this.onState('error', 'the H.264 worker did not start'), 5000);
    worker.onerror = (event) => this.onState('error', `the H.264 worker failed: ${event.message || 'could not load'}`);
    const offscreen = this.canvas.transferControlToOffscreen();
    this.canvas.dataset['transferred'] = 'true';
    this.post({ type: 'start', url: `${scheme}//${location.host}${this.path}`, canvas: offscreen, codecHint: storedCodec() ?? undefined }, [offscreen]);
    if (document.visibilityState !== 'visible') this.onVisibility();
    document.addEventListener('visibilitychange', this.onVisibility);
  }

  stop(): void {
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.clearTimeout(this.startTimer);
    if (this.worker) {
      this.post({ type: 'stop' });
      this.worker.terminate();
      this.worker = null;
    }
    this.onState('stopped');
  }

  private received(message: FromWorker): void {
    switch (message.type) {
      case 'frame': {
        const { frame } = message;
        if (!this.size || this.size.width !== frame.width || this.size.height !== frame.height) {
          this.size = { width: frame.width, height: frame.height };
        }
        if (Number.isFinite(message.decodeMs)) {
          this.decodeTimes.push(message.decodeMs);
          if (this.decodeTimes.length > DECODE_WINDOW) this.decodeTimes.shift();
        }
        this.onFrame(frame);
        break;
      }
      case 'state':
        this.onState(message.state, message.detail);
        break;
      case 'first-frame':
        // for tests and benchmarks: socket open → first frame on the canvas
        this.canvas.dataset['firstFrameMs'] = message.openToFrameMs.toFixed(1);
        this.canvas.dataset['firstKeyFrameMs'] = message.openToKeyFrameMs.toFixed(1);
        this.canvas.dataset['codec'] = message.codec;
        storeCodec(message.codec);
        break;
      case 'counters':
        this.dropped = message.dropped;
        this.decoderErrors = message.decoderErrors;
        this.canvas.dataset['dropped'] = String(message.dropped);
        this.canvas.dataset['resyncs'] = String(message.resyncs);
        break;
    }
  }

  private post(message: ToWorker, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }

  private static newCanvas(): HTMLCanvasElement {
    const canvas = document.createElement('canvas');
    canvas.className = 'video-surface';
    canvas.width = 1280;
    canvas.height = 720;
    return canvas;
  }
}

const CODEC_KEY = 'cubekvm.h264Codec';

/** The last stream's codec string: the worker configures its decoder with it before the first key frame. */
function storedCodec(): string | null {
  try {
    return localStorage.getItem(CODEC_KEY);
  } catch {
    return null;
  }
}

function storeCodec(codec: string): void {
  try {
    localStorage.setItem(CODEC_KEY, codec);
  } catch {
    // storage disabled
  }
}
