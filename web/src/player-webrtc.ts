// WebRTC over WHEP (POST /api/webrtc/whep): a recvonly H.264 transceiver, the answer from the
// server (ICE-lite, all candidates in it, so no trickle), and the picture in a <video>. Works on
// a plain-http page, where WebCodecs is missing. The jitter buffer is asked for zero delay
// (jitterBufferTarget = 0; the server also sends playout-delay min = max = 0).
import type { FrameInfo, PlayerState, VideoPlayer } from './player.js';
import { nowMillis } from './player.js';

const RETRY_MS = 2000;
/** getStats is sampled often until the picture plays (tests and the status line see the start at once), then once a second. */
const STATS_FAST_MS = 200;
const STATS_MS = 1000;
const FAST_UNTIL_FRAMES = 60;
/** The server's RTP timestamps are the capture time in 90 kHz ticks since the epoch, modulo 2^32. */
const TICKS_PER_MS = 90;

interface InboundFigures {
  framesDecoded: number;
  jitterBufferMs: number;
  packetsLost: number;
  packetsReceived: number;
  freezeCount: number;
  totalFreezesMs: number;
}

export class WebRtcPlayer implements VideoPlayer {
  readonly name = 'WebRTC';
  readonly element: HTMLVideoElement;
  onFrame: (frame: FrameInfo) => void = () => {};
  onState: (state: PlayerState, detail?: string) => void = () => {};

  private pc: RTCPeerConnection | null = null;
  private location: string | null = null;
  private running = false;
  private retryTimer: number | undefined;
  private statsTimer: number | undefined;
  private seq = 0;
  private figures: InboundFigures | null = null;
  private lastJitter = { delay: 0, count: 0 };
  /** A closing tab ends its session at once (DELETE with keepalive) rather than after consent expires. */
  private readonly onPageHide = () => this.hangUp();

  static supported(): boolean {
    return typeof RTCPeerConnection === 'function';
  }

  constructor(private readonly path = '/api/webrtc/whep') {
    const video = document.createElement('video');
    video.className = 'video-surface';
    video.muted = true;
    video.autoplay = true;
    video.playsInline = true;
    video.disablePictureInPicture = true;
    this.element = video;
  }

  videoSize(): { width: number; height: number } | null {
    const v = this.element;
    return v.videoWidth ? { width: v.videoWidth, height: v.videoHeight } : null;
  }

  /** Status line and stats overlay: the jitter buffer's mean delay over the last second, loss, freezes. */
  detail(): string {
    const f = this.figures;
    if (!f) return 'connecting';
    const jitter = Number.isFinite(f.jitterBufferMs) ? `${f.jitterBufferMs.toFixed(1)} ms` : '–';
    const total = f.packetsLost + f.packetsReceived;
    const loss = total > 0 ? `${((100 * f.packetsLost) / total).toFixed(1)} %` : '0 %';
    return `jitter buffer ${jitter} · lost ${f.packetsLost} (${loss}) · freezes ${f.freezeCount}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    window.addEventListener('pagehide', this.onPageHide);
    this.onState('connecting');
    performance.mark('webrtc-start');
    void this.connect();
    this.scheduleStats();
    this.watchFrames();
  }

  stop(): void {
    this.running = false;
    window.removeEventListener('pagehide', this.onPageHide);
    window.clearTimeout(this.retryTimer);
    window.clearTimeout(this.statsTimer);
    this.hangUp();
    this.element.srcObject = null;
    this.onState('stopped');
  }

  private async connect(): Promise<void> {
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle', rtcpMuxPolicy: 'require' });
    this.pc = pc;
    const transceiver = pc.addTransceiver('video', { direction: 'recvonly' });
    const receiver = transceiver.receiver as RTCRtpReceiver & { jitterBufferTarget?: number | null; playoutDelayHint?: number };
    if ('jitterBufferTarget' in RTCRtpReceiver.prototype) receiver.jitterBufferTarget = 0;
    else receiver.playoutDelayHint = 0; // older Chromium
    pc.ontrack = (event) => {
      this.element.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      void this.element.play().catch(() => undefined);
    };
    pc.onconnectionstatechange = () => {
      if (pc !== this.pc) return;
      if (pc.connectionState === 'connected') performance.mark('webrtc-connected');
      if (pc.connectionState === 'failed' || pc.connectionState === 'closed') this.retry(`connection ${pc.connectionState}`);
      if (pc.connectionState === 'disconnected') this.onState('stalled', 'connection interrupted');
    };
    try {
      await pc.setLocalDescription(await pc.createOffer());
      performance.mark('webrtc-offer');
      const response = await fetch(this.path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/sdp', Accept: 'application/sdp' },
        body: pc.localDescription!.sdp,
        cache: 'no-store',
      });
      if (response.status !== 201) {
        let message = `HTTP ${response.status}`;
        try {
          message = ((await response.json()) as { message?: string }).message ?? message;
        } catch {
          // no JSON body
        }
        throw new Error(message);
      }
      this.location = response.headers.get('Location');
      const answer = await response.text();
      if (pc !== this.pc) return;
      performance.mark('webrtc-answer');
      await pc.setRemoteDescription({ type: 'answer', sdp: answer });
    } catch (e) {
      if (pc === this.pc) this.retry(e instanceof Error ? e.message : String(e));
    }
  }

  private retry(reason: string): void {
    this.hangUp();
    if (!this.running) return;
    this.onState('error', reason);
    window.clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => {
      if (this.running) void this.connect();
    }, RETRY_MS);
  }

  private hangUp(): void {
    const pc = this.pc;
    this.pc = null;
    pc?.close();
    if (this.location) {
      void fetch(this.location, { method: 'DELETE', keepalive: true }).catch(() => undefined);
      this.location = null;
    }
  }

  /** One onFrame per presented frame; latency from the RTP time stamp (capture time, epoch, 90 kHz). */
  private watchFrames(): void {
    const video = this.element;
    if (typeof video.requestVideoFrameCallback !== 'function') return;
    const onFrame = (_now: number, metadata: VideoFrameCallbackMetadata & { rtpTimestamp?: number }) => {
      if (!this.running) return;
      let latencyMs = Number.NaN;
      let captureMicros = 0;
      if (typeof metadata.rtpTimestamp === 'number') {
        const nowTicks = Math.floor(nowMillis() * TICKS_PER_MS) % 2 ** 32;
        const age = (nowTicks - metadata.rtpTimestamp + 2 ** 32) % 2 ** 32;
        if (age < 10 * 1000 * TICKS_PER_MS) {
          latencyMs = age / TICKS_PER_MS;
          captureMicros = Math.round((nowMillis() - latencyMs) * 1000);
        }
      }
      this.seq++;
      if (this.seq === 1) performance.mark('webrtc-first-frame');
      this.onState('playing');
      this.onFrame({ seq: this.seq, captureMicros, latencyMs, width: metadata.width, height: metadata.height, bytes: 0 });
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  }

  private scheduleStats(): void {
    const fast = (this.figures?.framesDecoded ?? 0) < FAST_UNTIL_FRAMES;
    this.statsTimer = window.setTimeout(() => {
      void this.sampleStats().finally(() => {
        if (this.running) this.scheduleStats();
      });
    }, fast ? STATS_FAST_MS : STATS_MS);
  }

  private async sampleStats(): Promise<void> {
    const pc = this.pc;
    if (!pc) return;
    const report = await pc.getStats();
    report.forEach((s: Record<string, unknown>) => {
      if (s['type'] !== 'inbound-rtp' || s['kind'] !== 'video') return;
      const delay = Number(s['jitterBufferDelay'] ?? 0);
      const count = Number(s['jitterBufferEmittedCount'] ?? 0);
      const windowCount = count - this.lastJitter.count;
      const jitterBufferMs = windowCount > 0 ? (1000 * (delay - this.lastJitter.delay)) / windowCount : Number.NaN;
      this.lastJitter = { delay, count };
      this.figures = {
        framesDecoded: Number(s['framesDecoded'] ?? 0),
        jitterBufferMs,
        packetsLost: Number(s['packetsLost'] ?? 0),
        packetsReceived: Number(s['packetsReceived'] ?? 0),
        freezeCount: Number(s['freezeCount'] ?? 0),
        totalFreezesMs: 1000 * Number(s['totalFreezesDuration'] ?? 0),
      };
      if (this.figures.framesDecoded >= FAST_UNTIL_FRAMES && performance.getEntriesByName('webrtc-60-decoded').length === 0) {
        performance.mark('webrtc-60-decoded');
      }
      // For tests and diagnostics: the figures as data attributes of the video element.
      const d = this.element.dataset;
      d['framesDecoded'] = String(this.figures.framesDecoded);
      d['jitterBufferMs'] = Number.isFinite(jitterBufferMs) ? jitterBufferMs.toFixed(2) : '';
      d['jitterBufferMeanMs'] = count > 0 ? ((1000 * delay) / count).toFixed(2) : '';
      d['packetsLost'] = String(this.figures.packetsLost);
      d['freezeCount'] = String(this.figures.freezeCount);
      d['totalFreezesMs'] = this.figures.totalFreezesMs.toFixed(0);
    });
  }
}
