// The settings dialog: video (/api/video/settings), mouse, jiggler and the target's keyboard
// layout (/api/hid/settings), scroll speed (this browser). Each change is saved at once; a setting
// the user's role may not change is shown disabled with the reason.
import { api, ApiError } from './api.js';
import type { MouseMode } from './mouse.js';
import { byId } from './paste.js';

interface VideoSettings {
  resolution: string;
  fps: number;
  mjpegQuality: number;
  h264BitrateKbps: number;
  gop: number;
}

export interface HidSettings {
  mouse: MouseMode;
  jiggler: boolean;
  layout?: string;
}

const SCROLL_KEY = 'cubekvm.scroll';

/** Wheel steps per notch: 1..10, 5 is one step per 50 px. */
export function storedScrollSpeed(): number {
  const value = Number(localStorage.getItem(SCROLL_KEY));
  return Number.isInteger(value) && value >= 1 && value <= 10 ? value : 5;
}

export class SettingsDialog {
  onVideo: (settings: VideoSettings) => void = () => {};
  onMouse: (mode: MouseMode) => void = () => {};
  onScroll: (speed: number) => void = () => {};
  onLayout: (layout: string) => void = () => {};

  private readonly dialog = byId<HTMLDialogElement>('settings-dialog');
  private readonly message = byId('settings-message');
  private readonly videoFields = [...this.dialog.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-video]')];
  private readonly mouse = byId<HTMLSelectElement>('set-mouse');
  private readonly jiggler = byId<HTMLInputElement>('set-jiggler');
  private readonly scroll = byId<HTMLInputElement>('set-scroll');
  private readonly layout = byId<HTMLSelectElement>('set-layout');

  constructor(role: string, private readonly onClose: () => void) {
    const admin = role === 'admin';
    if (!admin) {
      const reason = `Only an admin can change the video settings, the jiggler and the target's layout (you are ${role}).`;
      const note = byId('settings-role');
      note.textContent = reason;
      note.hidden = false;
      for (const field of [...this.videoFields, this.jiggler, this.layout]) {
        field.disabled = true;
        field.title = reason;
        field.setAttribute('aria-describedby', 'settings-role');
      }
    }
    for (const field of this.videoFields) field.addEventListener('change', () => void this.saveVideo(field));
    this.mouse.addEventListener('change', () => this.onMouse(this.mouse.value as MouseMode));
    this.jiggler.addEventListener('change', () => void this.saveHid({ jiggler: this.jiggler.checked }));
    this.scroll.value = String(storedScrollSpeed());
    this.scroll.addEventListener('change', () => {
      localStorage.setItem(SCROLL_KEY, this.scroll.value);
      this.onScroll(Number(this.scroll.value));
    });
    this.layout.addEventListener('change', () => void this.saveHid({ layout: this.layout.value }));
    this.dialog.addEventListener('close', () => this.onClose());
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  async open(): Promise<void> {
    this.say('', false);
    this.dialog.showModal();
    await this.loadLayouts();
    await Promise.all([this.loadVideo(), this.loadHid()]);
  }

  /** Shows the mouse mode the page uses. */
  showMouse(mode: MouseMode): void {
    this.mouse.value = mode;
  }

  private async loadVideo(): Promise<void> {
    try {
      const video = await api<VideoSettings>('GET', '/api/video/settings');
      this.showVideo(video);
    } catch (error) {
      this.say(`Video settings are not available: ${describe(error)}`, true);
    }
  }

  private showVideo(video: VideoSettings): void {
    for (const field of this.videoFields) {
      const value = String(video[field.dataset['video'] as keyof VideoSettings] ?? '');
      if (field instanceof HTMLSelectElement && ![...field.options].some((o) => o.value === value)) field.add(new Option(value, value));
      field.value = value;
    }
  }

  private async loadHid(): Promise<void> {
    try {
      const hid = await api<HidSettings>('GET', '/api/hid/settings');
      this.jiggler.checked = !!hid.jiggler;
      if (hid.layout) {
        if (![...this.layout.options].some((o) => o.value === hid.layout)) this.layout.add(new Option(hid.layout, hid.layout));
        this.layout.value = hid.layout;
        this.onLayout(hid.layout);
      }
    } catch (error) {
      this.say(`Mouse settings are not available: ${describe(error)}`, true);
    }
  }

  private async loadLayouts(): Promise<void> {
    if (this.layout.options.length) return;
    try {
      const layouts = await api<Array<{ id: string; name: string }>>('GET', '/api/hid/layouts');
      this.layout.replaceChildren(...layouts.map((l) => new Option(`${l.name} (${l.id})`, l.id)));
    } catch (error) {
      this.say(`Keyboard layouts are not available: ${describe(error)}`, true);
    }
  }

  private async saveVideo(field: HTMLInputElement | HTMLSelectElement): Promise<void> {
    const key = field.dataset['video'] as keyof VideoSettings;
    const value = key === 'resolution' ? field.value : Number(field.value);
    if (typeof value === 'number' && (!Number.isInteger(value) || (field instanceof HTMLInputElement && !field.checkValidity()))) {
      this.say(`${labelOf(field)}: ${field instanceof HTMLInputElement ? field.validationMessage || 'not a whole number' : 'invalid'}`, true);
      return;
    }
    try {
      const saved = await api<VideoSettings>('PUT', '/api/video/settings', { [key]: value });
      if (saved) this.showVideo(saved);
      this.say(`${labelOf(field)} saved.`, false);
      this.onVideo(saved ?? (await api<VideoSettings>('GET', '/api/video/settings')));
    } catch (error) {
      this.say(describe(error), true);
      await this.loadVideo();
    }
  }

  private async saveHid(change: Partial<HidSettings>): Promise<void> {
    try {
      const saved = await api<HidSettings>('PUT', '/api/hid/settings', change);
      if (saved?.layout) this.onLayout(saved.layout);
      this.say('Saved.', false);
    } catch (error) {
      this.say(describe(error), true);
      await this.loadHid();
    }
  }

  private say(text: string, error: boolean): void {
    this.message.textContent = text;
    this.message.className = 'message' + (text ? (error ? ' error' : ' ok') : '');
  }
}

function labelOf(field: HTMLElement): string {
  return document.querySelector(`label[for="${field.id}"]`)?.textContent ?? field.id;
}

function describe(error: unknown): string {
  if (error instanceof ApiError && error.status === 403) return 'Your role may not change this.';
  return error instanceof Error ? error.message : String(error);
}
