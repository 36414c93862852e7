// The KVM page: video, keyboard, mouse, paste, shortcuts, fullscreen, LEDs, status, stats.
import { api } from './api.js';
import { HidClient, type HidState, type Leds } from './hid.js';
import { KeyboardCapture } from './keyboard.js';
import { MjpegPlayer } from './mjpeg.js';
import { MouseCapture, type MouseMode } from './mouse.js';
import { H264Player } from './player-h264.js';
import { WebRtcPlayer } from './player-webrtc.js';
import { PasteDialog, byId } from './paste.js';
import { MediaDialog } from './media.js';
import type { PlayerState, VideoPlayer } from './player.js';
import { FrameStats, formatMillis } from './stats.js';
import { chooseVideoMode, storeVideoMode, storedVideoMode } from './video-mode.js';
import { requireSession } from './session.js';
import { loadToolbarExtensions } from './extensions.js';
import { PageEventsClient, PowerPanel } from './power.js';

/** Video transports by toolbar mode. WebRTC plugs in here. */
const PLAYERS: Record<string, () => VideoPlayer> = {
  mjpeg: () => new MjpegPlayer('/api/stream/mjpeg'),
  h264: () => new H264Player('/api/stream/h264'),
  webrtc: () => new WebRtcPlayer('/api/webrtc/whep'),
};

/** The modes this browser can play: H.264 needs WebCodecs (a secure context). */
function playableModes(): Set<string> {
  const modes = new Set(Object.keys(PLAYERS));
  if (!H264Player.supported()) modes.delete('h264');
  if (!WebRtcPlayer.supported()) modes.delete('webrtc');
  return modes;
}

const SHORTCUTS: Record<string, string[]> = {
  'ctrl-alt-del': ['ControlLeft', 'AltLeft', 'Delete'],
  'ctrl-alt-backspace': ['ControlLeft', 'AltLeft', 'Backspace'],
  'alt-tab': ['AltLeft', 'Tab'],
  'alt-f4': ['AltLeft', 'F4'],
  'meta': ['MetaLeft'],
  'print-screen': ['PrintScreen'],
  'ctrl-alt-f1': ['ControlLeft', 'AltLeft', 'F1'],
  'ctrl-alt-f2': ['ControlLeft', 'AltLeft', 'F2'],
  'ctrl-alt-f7': ['ControlLeft', 'AltLeft', 'F7'],
  'escape': ['Escape'],
};

interface KeyboardLock {
  lock(keys?: string[]): Promise<void>;
  unlock(): void;
}

class KvmPage {
  private readonly screen = byId('screen');
  private readonly message = byId('screen-message');
  private readonly overlay = byId('stats-overlay');
  private readonly graph = byId<HTMLCanvasElement>('stats-graph');
  private readonly stats = new FrameStats();
  private readonly hid = HidClient.forPage();
  private readonly paste = new PasteDialog(() => this.screen.focus({ preventScroll: true }));
  private readonly mouse: MouseCapture;
  private player: VideoPlayer;
  private playerState: PlayerState = 'stopped';

  constructor() {
    this.player = this.createPlayer(this.initialVideoMode());
    const inputEnabled = () => !this.paste.isOpen;
    new KeyboardCapture(this.screen, (r) => this.hid.sendKey(r), () => this.hid.releaseAll(), inputEnabled);
    this.mouse = new MouseCapture(this.screen, () => this.player.videoSize(), (r, important) => this.hid.sendMouse(r, important), inputEnabled);
    this.hid.onState = (state) => this.showHidState(state);
    this.hid.onLeds = (leds) => this.showLeds(leds);
    this.wireToolbar();
    window.setInterval(() => this.refreshStatus(), 500);
    window.addEventListener('pagehide', () => {
      this.hid.releaseAll();
      this.hid.stop();
    });
  }

  start(): void {
    this.hid.start();
    this.player.start();
    const events = new PageEventsClient();
    new PowerPanel(events).start();
    events.start();
    void this.loadSettings();
    this.screen.focus({ preventScroll: true });
  }

  private createPlayer(mode: string): VideoPlayer {
    const player = PLAYERS[mode]!();
    player.onFrame = (frame) => {
      this.stats.add(frame);
      this.screen.dataset['frames'] = String(this.stats.summary().frames);
    };
    player.onState = (state, detail) => this.showPlayerState(state, detail);
    this.screen.prepend(player.element);
    byId('status-mode').textContent = player.name;
    return player;
  }

  /** `?video=`, else the stored choice, else H.264 where WebCodecs works; the toolbar shows it. */
  private initialVideoMode(): string {
    const playable = playableModes();
    const select = byId<HTMLSelectElement>('video-mode');
    const h264 = select.querySelector<HTMLOptionElement>('option[value="h264"]');
    if (h264 && !playable.has('h264')) {
      h264.disabled = true;
      h264.title = 'H.264 needs WebCodecs: a secure context (https or localhost) in a browser with VideoDecoder';
    }
    const mode = chooseVideoMode(playable, new URLSearchParams(location.search).get('video'), storedVideoMode());
    select.value = mode;
    return mode;
  }

  private switchPlayer(mode: string): void {
    if (!PLAYERS[mode] || !playableModes().has(mode)) {
      this.showMessage(`${mode.toUpperCase()} is not available in this browser`);
      return;
    }
    storeVideoMode(mode);
    this.player.stop();
    this.player.element.remove();
    this.player = this.createPlayer(mode);
    this.player.start();
  }

  private async loadSettings(): Promise<void> {
    try {
      const settings = await api<{ mouse: MouseMode }>('GET', '/api/hid/settings');
      this.setMouseMode(settings.mouse, false);
    } catch {
      // defaults stay
    }
  }

  private wireToolbar(): void {
    byId<HTMLSelectElement>('video-mode').addEventListener('change', (e) => this.switchPlayer((e.target as HTMLSelectElement).value));
    byId('btn-mouse').addEventListener('click', () => this.setMouseMode(this.mouse.getMode() === 'absolute' ? 'relative' : 'absolute', true));
    byId('btn-paste').addEventListener('click', () => void this.paste.open());
    byId('btn-cad').addEventListener('click', () => void this.sendKeys(SHORTCUTS['ctrl-alt-del']!));
    const shortcuts = byId<HTMLSelectElement>('shortcuts');
    shortcuts.addEventListener('change', () => {
      const keys = SHORTCUTS[shortcuts.value];
      shortcuts.value = '';
      if (keys) void this.sendKeys(keys);
    });
    byId('btn-fullscreen').addEventListener('click', () => void this.toggleFullscreen());
    byId('btn-stats').addEventListener('click', () => {
      this.overlay.hidden = !this.overlay.hidden;
      byId('btn-stats').classList.toggle('active', !this.overlay.hidden);
    });
    document.addEventListener('fullscreenchange', () => {
      const lock = keyboardLock();
      if (!document.fullscreenElement) lock?.unlock();
      byId('btn-fullscreen').classList.toggle('active', !!document.fullscreenElement);
    });
  }

  private setMouseMode(mode: MouseMode, store: boolean): void {
    this.mouse.setMode(mode);
    byId('btn-mouse').textContent = mode === 'absolute' ? 'Mouse: absolute' : 'Mouse: relative';
    byId('status-mouse').textContent = `mouse ${mode}`;
    this.screen.classList.toggle('relative', mode === 'relative');
    if (store) void api('PUT', '/api/hid/settings', { mouse: mode }).catch(() => undefined);
  }

  private async sendKeys(keys: string[]): Promise<void> {
    try {
      await api('POST', '/api/hid/keys', { keys });
      this.showMessage(`Sent ${keys.join('+')}`);
    } catch (error) {
      this.showMessage(error instanceof Error ? error.message : String(error));
    }
    this.screen.focus({ preventScroll: true });
  }

  private async toggleFullscreen(): Promise<void> {
    if (document.fullscreenElement) {
      await document.exitFullscreen();
      return;
    }
    await this.screen.requestFullscreen({ navigationUI: 'hide' });
    // Keyboard lock: Escape, Alt+Tab, Meta… go to the target, not the browser (Chromium).
    await keyboardLock()?.lock().catch(() => undefined);
    this.screen.focus({ preventScroll: true });
  }

  private showLeds(leds: Leds): void {
    byId('led-num').classList.toggle('on', leds.numLock);
    byId('led-caps').classList.toggle('on', leds.capsLock);
    byId('led-scroll').classList.toggle('on', leds.scrollLock);
  }

  private showHidState(state: HidState): void {
    const text: Record<HidState, string> = {
      connecting: 'HID connecting',
      online: 'HID online',
      offline: 'HID offline (no keyboard/mouse device)',
      disconnected: 'HID disconnected',
    };
    const element = byId('status-hid');
    element.textContent = text[state];
    element.className = `hid-${state}`;
    this.screen.dataset['hid'] = state;
  }

  private showPlayerState(state: PlayerState, detail?: string): void {
    if (state === this.playerState && !detail) return;
    this.playerState = state;
    if (state === 'playing') {
      this.message.hidden = true;
    } else if (state === 'connecting') {
      this.showMessage('Connecting to the video…', false);
    } else if (state === 'error') {
      this.showMessage(`No video: ${detail ?? 'unknown error'}; retrying`, false);
    }
  }

  private messageTimer: number | undefined;

  private showMessage(text: string, fade = true): void {
    this.message.textContent = text;
    this.message.hidden = false;
    window.clearTimeout(this.messageTimer);
    if (fade) this.messageTimer = window.setTimeout(() => {
      if (this.playerState === 'playing') this.message.hidden = true;
    }, 2500);
  }

  private refreshStatus(): void {
    const s = this.stats.summary();
    byId('status-resolution').textContent = s.width ? `${s.width}×${s.height}` : '–';
    byId('status-fps').textContent = `${s.fps} fps`;
    byId('status-latency').textContent = `latency ${formatMillis(s.latencyMean)}`;
    byId('status-video').textContent = this.player.detail?.() ?? '';
    if (this.overlay.hidden) return;
    byId('stat-fps').textContent = String(s.fps);
    byId('stat-latency-last').textContent = formatMillis(s.latencyLast);
    byId('stat-latency-mean').textContent = formatMillis(s.latencyMean);
    byId('stat-latency-p95').textContent = formatMillis(s.latencyP95);
    byId('stat-frames').textContent = String(s.frames);
    byId('stat-skipped').textContent = String(s.skipped);
    byId('stat-kbps').textContent = `${Math.round(s.kbps)} kbit/s`;
    byId('stat-seq').textContent = String(s.seq);
    byId('stat-transport').textContent = this.player.detail?.() ?? '–';
    this.drawGraph();
  }

  /** Latency of the recent frames, one bar per frame. */
  private drawGraph(): void {
    const context = this.graph.getContext('2d');
    if (!context) return;
    const values = this.stats.recentLatencies();
    const { width, height } = this.graph;
    context.clearRect(0, 0, width, height);
    const max = Math.max(50, ...values);
    const barWidth = width / 120;
    context.fillStyle = '#4fc3f7';
    values.forEach((value, i) => {
      const h = Math.max(1, (value / max) * (height - 12));
      context.fillRect(i * barWidth, height - h, Math.max(1, barWidth - 0.5), h);
    });
    context.fillStyle = '#ccc';
    context.font = '10px sans-serif';
    context.fillText(`${Math.round(max)} ms`, 2, 10);
  }
}

function keyboardLock(): KeyboardLock | undefined {
  return (navigator as Navigator & { keyboard?: KeyboardLock }).keyboard;
}

// Not logged in: requireSession sends the browser to the login page instead.
void requireSession().then((me) => {
  if (me) new KvmPage().start();
  if (me) void loadToolbarExtensions(me);
  if (me) new MediaDialog(me.role, () => byId('screen').focus({ preventScroll: true }));
});
