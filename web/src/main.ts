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
import { OnScreenKeyboard } from './osk.js';
import { SettingsDialog, storedScrollSpeed, type HidSettings } from './settings.js';
import { TouchInput } from './touch.js';
import { loadToolbarExtensions } from './extensions.js';
import { PageEventsClient, PowerPanel } from './power.js';

/** No frame for this long while the page plays: the connection indicator turns red. */
const STALL_MS = 3000;
/** Narrower than this, the toolbar folds into the "Menu" button (matches style.css). */
const NARROW = window.matchMedia('(max-width: 1439px)');

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
  private readonly settings: SettingsDialog;
  private readonly help = byId<HTMLDialogElement>('help-dialog');
  private readonly osk: OnScreenKeyboard;
  private readonly touch: TouchInput;
  private player: VideoPlayer;
  private playerState: PlayerState = 'stopped';
  private lastFrameAt = 0;

  constructor(role: string) {
    this.player = this.createPlayer(this.initialVideoMode());
    this.settings = new SettingsDialog(role, () => this.screen.focus({ preventScroll: true }));
    this.help.addEventListener('close', () => this.screen.focus({ preventScroll: true }));
    const inputEnabled = () => !this.paste.isOpen && !this.settings.isOpen && !this.help.open;
    new KeyboardCapture(this.screen, (r) => this.hid.sendKey(r), () => this.hid.releaseAll(), inputEnabled);
    this.mouse = new MouseCapture(this.screen, () => this.player.videoSize(), (r, important) => this.hid.sendMouse(r, important), inputEnabled);
    this.mouse.setScrollSpeed(storedScrollSpeed());
    this.touch = new TouchInput(this.screen, () => this.player.element, () => this.mouse.pictureRect(), () => this.mouse.getMode(),
      (r, important) => this.hid.sendMouse(r, important), inputEnabled);
    this.osk = new OnScreenKeyboard(byId('osk'), (r) => this.hid.sendKey(r), (keys) => void this.sendKeys(keys));
    this.settings.onMouse = (mode) => this.setMouseMode(mode, true);
    this.settings.onScroll = (speed) => this.mouse.setScrollSpeed(speed);
    this.settings.onLayout = (layout) => this.osk.setLayout(layout);
    this.settings.onVideo = (video) => this.showTargetFps(video.fps);
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
      this.lastFrameAt = performance.now();
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
      const settings = await api<HidSettings>('GET', '/api/hid/settings');
      this.setMouseMode(settings.mouse, false);
      if (settings.layout) this.osk.setLayout(settings.layout);
    } catch {
      // defaults stay
    }
    try {
      this.showTargetFps((await api<{ fps: number }>('GET', '/api/video/settings')).fps);
    } catch {
      // the target frame rate stays unknown
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
    byId('btn-settings').addEventListener('click', () => { this.closeMenu(); void this.settings.open(); });
    byId('btn-help').addEventListener('click', () => { this.closeMenu(); this.help.showModal(); });
    byId('btn-screenshot').addEventListener('click', () => void this.screenshot());
    byId('btn-keyboard').addEventListener('click', () => {
      const osk = byId('osk');
      osk.hidden = !osk.hidden;
      byId('btn-keyboard').setAttribute('aria-pressed', String(!osk.hidden));
      this.closeMenu();
    });
    const menu = byId('btn-menu');
    const items = byId('toolbar-items');
    menu.addEventListener('click', () => {
      const open = !items.classList.contains('open');
      items.classList.toggle('open', open);
      menu.setAttribute('aria-expanded', String(open));
      if (open) items.querySelector<HTMLElement>('select, button, a')?.focus();
    });
    items.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && items.classList.contains('open')) {
        this.closeMenu();
        menu.focus();
      }
    });
    document.addEventListener('pointerdown', (e) => {
      if (!items.contains(e.target as Node) && e.target !== menu) this.closeMenu();
    });
    NARROW.addEventListener('change', () => this.closeMenu());
    // Items that open a dialog or another page (media, power, paste, bundles' buttons) fold the menu.
    items.addEventListener('click', (e) => {
      if ((e.target as Element).closest('#btn-media, #btn-power, #btn-paste, #toolbar-extensions button')) this.closeMenu();
    });
    // The picture captures every key (Tab too); Ctrl+Alt+Shift+M leaves it for the toolbar, so a
    // keyboard user is never trapped. The blur releases the held keys on the target.
    window.addEventListener('keydown', (e) => {
      if (document.activeElement !== this.screen || !(e.ctrlKey && e.altKey && e.shiftKey && e.code === 'KeyM')) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      const target = NARROW.matches ? menu : items.querySelector<HTMLElement>('select, button:not(:disabled), a');
      target?.focus();
    }, true);
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

  private showTargetFps(fps: number): void {
    byId('status-target-fps').textContent = `max ${fps} fps`;
  }

  private closeMenu(): void {
    byId('toolbar-items').classList.remove('open');
    byId('btn-menu').setAttribute('aria-expanded', 'false');
  }

  /** Downloads the current picture: the device's snapshot, else what the page shows. */
  private async screenshot(): Promise<void> {
    this.closeMenu();
    let blob: Blob | null = null;
    try {
      const response = await fetch('/api/snapshot', { cache: 'no-store' });
      if (response.ok) blob = await response.blob();
    } catch {
      // fall back to the page's picture
    }
    if (!blob && this.player.element instanceof HTMLCanvasElement) {
      const canvas = this.player.element;
      blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/png'));
    }
    if (!blob) {
      this.showMessage('No picture to save');
      return;
    }
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `cubekvm-${stamp}.${blob.type === 'image/png' ? 'png' : 'jpg'}`;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    this.showMessage(`Saved ${link.download}`);
  }

  private setMouseMode(mode: MouseMode, store: boolean): void {
    this.settings.showMouse(mode);
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
    this.touch.resetZoom();
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
    this.showConnection(s.fps, s.latencyMean, s.skipped);
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

  /** Mode, fps, latency, drops; red when no frame came for STALL_MS or the stream failed. */
  private showConnection(fps: number, latency: number, drops: number): void {
    const conn = byId('conn');
    const stalled = this.playerState === 'error' || (this.lastFrameAt > 0 && performance.now() - this.lastFrameAt > STALL_MS);
    const waiting = !stalled && this.lastFrameAt === 0;
    if (stalled || waiting) {
      conn.textContent = `${this.player.name} ${stalled ? 'stalled' : 'connecting'}`;
    } else {
      // On a phone the mode and the drops are hidden (style.css); the title keeps everything.
      const mode = document.createElement('span');
      mode.className = 'conn-mode';
      mode.textContent = `${this.player.name} · `;
      const drop = document.createElement('span');
      drop.className = 'conn-drops';
      drop.textContent = ` · ${drops} drops`;
      conn.replaceChildren(mode, `${fps} fps · ${formatMillis(latency)}`, drop);
    }
    conn.title = `Connection: ${this.player.name}, ${fps} fps, latency ${formatMillis(latency)}, ${drops} dropped frames`;
    conn.classList.toggle('bad', stalled);
    conn.classList.toggle('warn', waiting);
    conn.classList.toggle('on', !stalled && !waiting);
    conn.dataset['state'] = stalled ? 'stalled' : waiting ? 'connecting' : 'playing';
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
  if (me) new KvmPage(me.role).start();
  if (me) void loadToolbarExtensions(me);
  if (me) new MediaDialog(me.role, () => byId('screen').focus({ preventScroll: true }));
});
