// The /api/hid WebSocket: sends keyboard and mouse reports, receives LED and online events.
import { Backoff } from './backoff.js';
import { HEARTBEAT, RELEASE_ALL } from './protocol.js';

export interface Leds {
  numLock: boolean;
  capsLock: boolean;
  scrollLock: boolean;
}

export type HidState = 'connecting' | 'online' | 'offline' | 'disconnected';

const HEARTBEAT_MS = 1000;
/** Mouse moves are dropped (never keys) while this much is still unsent: stale motion is worse than none. */
const MOUSE_BACKLOG_BYTES = 16 * 1024;

export class HidClient {
  onLeds: (leds: Leds) => void = () => {};
  onState: (state: HidState) => void = () => {};

  private socket: WebSocket | null = null;
  private heartbeat: number | undefined;
  private readonly reconnect = new Backoff();
  private stopped = false;
  private state: HidState = 'disconnected';

  constructor(private readonly url: string) {}

  static forPage(): HidClient {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    return new HidClient(`${scheme}//${location.host}/api/hid`);
  }

  start(): void {
    this.stopped = false;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.reconnect.cancel();
    window.clearInterval(this.heartbeat);
    this.socket?.close(1000, 'page closed');
    this.socket = null;
  }

  get currentState(): HidState {
    return this.state;
  }

  /** Keyboard reports and release-all: never dropped while the socket is open. */
  sendKey(message: Uint8Array): void {
    this.send(message);
  }

  /** Mouse reports: dropped while the socket is backed up. */
  sendMouse(message: Uint8Array, important: boolean): void {
    if (!important && this.socket && this.socket.bufferedAmount > MOUSE_BACKLOG_BYTES) return;
    this.send(message);
  }

  releaseAll(): void {
    this.send(Uint8Array.of(RELEASE_ALL));
  }

  private send(message: Uint8Array): void {
    const socket = this.socket;
    if (socket && socket.readyState === WebSocket.OPEN) socket.send(message);
  }

  private setState(state: HidState): void {
    if (state !== this.state) {
      this.state = state;
      this.onState(state);
    }
  }

  private connect(): void {
    this.setState('connecting');
    const socket = new WebSocket(this.url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    socket.addEventListener('open', () => {
      this.reconnect.reset();
      window.clearInterval(this.heartbeat);
      this.heartbeat = window.setInterval(() => this.send(Uint8Array.of(HEARTBEAT)), HEARTBEAT_MS);
    });
    socket.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data !== 'string') return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(event.data);
      } catch {
        return;
      }
      const message = parsed as { type?: string; online?: boolean } & Partial<Leds>;
      if (message.type === 'hid') {
        this.setState(message.online ? 'online' : 'offline');
      } else if (message.type === 'leds') {
        this.onLeds({ numLock: !!message.numLock, capsLock: !!message.capsLock, scrollLock: !!message.scrollLock });
      }
    });
    socket.addEventListener('close', () => {
      window.clearInterval(this.heartbeat);
      if (this.socket === socket) this.socket = null;
      this.setState('disconnected');
      if (!this.stopped) {
        this.reconnect.schedule(() => this.connect());
      }
    });
  }
}
