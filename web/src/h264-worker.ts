// The H.264 decoding worker: owns the WebSocket to /api/stream/h264, a WebCodecs VideoDecoder
// (Annex-B input, optimizeForLatency) and the OffscreenCanvas transferred from the page, so
// neither the network nor decoding nor drawing touches the page's main thread.
//
// Rules (docs/design.md §1 P1/P2/P8, docs/video.md "H.264 player"):
// - the decoder starts at a key frame, and after anything that breaks the reference chain
//   (a dropped frame, a decoder error, a hidden tab) waits for the next key frame and asks for
//   one ([0x03]; the server caps resyncs per viewer);
// - newest wins: when the decoder's queue holds more than MAX_QUEUE chunks, delta frames are
//   dropped and a key frame is requested; a key frame arriving then resets the decoder (the
//   queued, stale work is discarded) and decodes at once;
// - every VideoFrame is drawn at once and closed; an ack [0x02][ts] follows each drawn frame.
import type { FrameInfo } from './player.js';
import { ackMessage, codecFromSps, parseMessage, resyncMessage, visibilityMessage } from './h264-format.js';
import { Backoff } from './backoff.js';

/** Page → worker. */
export type ToWorker =
  | { type: 'start'; url: string; canvas: OffscreenCanvas; codecHint?: string }
  | { type: 'visible'; visible: boolean }
  | { type: 'stop' };

/** Worker → page. */
export type FromWorker =
  | { type: 'frame'; frame: FrameInfo; decodeMs: number }
  | { type: 'state'; state: 'connecting' | 'playing' | 'error'; detail?: string }
  | { type: 'first-frame'; openToFrameMs: number; openToKeyFrameMs: number; codec: string }
  | { type: 'counters'; dropped: number; decoderErrors: number; resyncs: number };

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}

const scope = self as unknown as WorkerScope;

/** More queued chunks than this and the decoder is falling behind: drop deltas, resync. */
const MAX_QUEUE = 3;
/** Constrained Baseline 3.1, what the encoders produce; only a guess to warm the decoder up. */
const DEFAULT_CODEC = 'avc1.42C01F';
/** Our own cap on resync requests (the server caps them too). */
const RESYNC_INTERVAL_MS = 250;

interface InFlight {
  timestampMicros: number;
  seq: number;
  bytes: number;
  queuedAt: number;
}

class H264Decoding {
  private url = '';
  private canvas: OffscreenCanvas | null = null;
  private context: OffscreenCanvasRenderingContext2D | null = null;
  private socket: WebSocket | null = null;
  private decoder: VideoDecoder | null = null;
  private codec = '';
  private waitingForKey = true;
  private running = false;
  private visible = true;
  private readonly reconnect = new Backoff();
  private lastResync = -Infinity;
  private openedAt = 0;
  private firstFramePending = true;
  private firstKeyAt = 0;
  /** Sequence of received messages: frames dropped here show as gaps in the page's statistics. */
  private seq = 0;
  private readonly inFlight: InFlight[] = [];
  private dropped = 0;
  private decoderErrors = 0;
  private resyncs = 0;
  private countersDirty = false;
  private counterTimer: ReturnType<typeof setInterval> | undefined;

  handle(message: ToWorker): void {
    switch (message.type) {
      case 'start':
        this.url = message.url;
        this.canvas = message.canvas;
        this.context = message.canvas.getContext('2d', { alpha: false });
        this.running = true;
        if (message.codecHint && /^avc1\.[0-9A-F]{6}$/.test(message.codecHint)) this.codec = message.codecHint;
        this.counterTimer = setInterval(() => this.postCounters(), 500);
        this.connect();
        break;
      case 'visible':
        this.visible = message.visible;
        if (!message.visible) this.waitingForKey = true; // the server pauses us; resume starts at a key frame
        this.send(visibilityMessage(message.visible));
        break;
      case 'stop':
        this.running = false;
        this.reconnect.cancel();
        clearInterval(this.counterTimer);
        this.socket?.close(1000, 'stopped');
        this.socket = null;
        this.closeDecoder();
        break;
    }
  }

  private connect(): void {
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    this.waitingForKey = true;
    this.firstFramePending = true;
    this.firstKeyAt = 0;
    this.post({ type: 'state', state: 'connecting' });
    // Set the decoder up while the socket opens and the first key frame is on its way (a
    // software decoder takes a few to tens of ms to initialise); the key frame's SPS confirms
    // the codec or reconfigures.
    if (!this.decoder) this.openDecoder(this.codec || DEFAULT_CODEC);
    socket.onopen = () => {
      this.openedAt = performance.now();
      // a tab hidden before the socket opened tells the server at once
      if (!this.visible) socket.send(visibilityMessage(false));
    };
    socket.onmessage = (event: MessageEvent<ArrayBuffer>) => this.received(event.data);
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.closeDecoder();
      if (!this.running) return;
      this.post({ type: 'state', state: 'error', detail: `the video socket closed (${event.code}${event.reason ? ' ' + event.reason : ''})` });
      this.reconnect.schedule(() => this.connect());
    };
  }

  private received(buffer: ArrayBuffer): void {
    if (typeof buffer === 'string') return;
    const message = parseMessage(buffer);
    const seq = this.seq++;
    if (!message) return;
    if (message.key) {
      const codec = codecFromSps(message.data);
      if (!codec) {
        this.drop();
        return;
      }
      const decoder = this.decoder;
      if (!decoder || decoder.state === 'closed' || codec !== this.codec || decoder.decodeQueueSize > MAX_QUEUE) {
        // new stream, new profile/level, or a backlog: start over from this key frame
        this.openDecoder(codec);
      }
      this.waitingForKey = false;
      if (this.firstFramePending && !this.firstKeyAt) this.firstKeyAt = performance.now();
    } else if (this.waitingForKey || !this.decoder) {
      this.drop();
      this.resync();
      return;
    } else if (this.decoder!.decodeQueueSize > MAX_QUEUE) {
      // newest wins: the decoder is behind; skip to the next key frame rather than queue
      this.waitingForKey = true;
      this.drop();
      this.resync();
      return;
    }
    const decoder = this.decoder!;
    this.inFlight.push({ timestampMicros: message.timestampMicros, seq, bytes: message.data.length, queuedAt: performance.now() });
    if (this.inFlight.length > 64) this.inFlight.shift();
    try {
      decoder.decode(new EncodedVideoChunk({ type: message.key ? 'key' : 'delta', timestamp: message.timestampMicros, data: message.data }));
    } catch (error) {
      this.decoderFailed(error);
    }
  }

  private openDecoder(codec: string): void {
    this.closeDecoder();
    this.codec = codec;
    const decoder = new VideoDecoder({
      output: (frame) => this.output(frame),
      error: (error) => {
        if (this.decoder === decoder) this.decoderFailed(error);
      },
    });
    // no description: the chunks are Annex-B with in-band SPS/PPS
    decoder.configure({ codec, optimizeForLatency: true, hardwareAcceleration: 'no-preference' });
    this.decoder = decoder;
  }

  private closeDecoder(): void {
    const decoder = this.decoder;
    this.decoder = null;
    this.inFlight.length = 0;
    if (decoder && decoder.state !== 'closed') decoder.close();
  }

  private decoderFailed(error: unknown): void {
    this.decoderErrors++;
    this.countersDirty = true;
    this.closeDecoder();
    this.waitingForKey = true;
    this.post({ type: 'state', state: 'error', detail: `decoder: ${error instanceof Error ? error.message : String(error)}` });
    this.resync(true);
  }

  private output(frame: VideoFrame): void {
    try {
      const timestamp = frame.timestamp;
      let entry = this.inFlight.shift();
      while (entry && entry.timestampMicros !== timestamp && this.inFlight.length) entry = this.inFlight.shift();
      const width = frame.displayWidth;
      const height = frame.displayHeight;
      const canvas = this.canvas;
      const context = this.context;
      if (!canvas || !context) return;
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      context.drawImage(frame, 0, 0);
      const now = performance.now();
      const latencyMs = performance.timeOrigin + now - timestamp / 1000;
      this.send(ackMessage(timestamp));
      if (this.firstFramePending) {
        this.firstFramePending = false;
        this.reconnect.reset();
        this.post({ type: 'state', state: 'playing' });
        this.post({ type: 'first-frame', openToFrameMs: now - this.openedAt, openToKeyFrameMs: this.firstKeyAt - this.openedAt, codec: this.codec });
      }
      this.post({
        type: 'frame',
        decodeMs: entry && entry.timestampMicros === timestamp ? now - entry.queuedAt : Number.NaN,
        frame: { seq: entry?.seq ?? -1, captureMicros: timestamp, latencyMs, width, height, bytes: entry?.bytes ?? 0 },
      });
    } finally {
      frame.close();
    }
  }

  private drop(): void {
    this.dropped++;
    this.countersDirty = true;
  }

  private resync(force = false): void {
    const now = performance.now();
    if (!force && now - this.lastResync < RESYNC_INTERVAL_MS) return;
    this.lastResync = now;
    this.resyncs++;
    this.countersDirty = true;
    this.send(resyncMessage());
  }

  private send(message: Uint8Array): void {
    const socket = this.socket;
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(message);
  }

  private postCounters(): void {
    if (!this.countersDirty) return;
    this.countersDirty = false;
    this.post({ type: 'counters', dropped: this.dropped, decoderErrors: this.decoderErrors, resyncs: this.resyncs });
  }

  private post(message: FromWorker): void {
    scope.postMessage(message);
  }
}

const decoding = new H264Decoding();
scope.onmessage = (event) => decoding.handle(event.data);
