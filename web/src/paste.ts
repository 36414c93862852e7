// The paste dialog: text + layout → POST /api/hid/paste, progress by polling, cancel.
import { api, ApiError } from './api.js';
import { byId } from './dom.js';

// Other modules of the KVM page import byId from here.
export { byId };

interface Layout {
  id: string;
  name: string;
}

interface Progress {
  id: string;
  state: 'queued' | 'running' | 'done' | 'cancelled' | 'failed';
  typed: number;
  total: number;
  error?: string | null;
}

export class PasteDialog {
  private readonly dialog: HTMLDialogElement;
  private readonly text: HTMLTextAreaElement;
  private readonly layout: HTMLSelectElement;
  private readonly delay: HTMLInputElement;
  private readonly progress: HTMLProgressElement;
  private readonly message: HTMLElement;
  private readonly submit: HTMLButtonElement;
  private readonly cancel: HTMLButtonElement;
  private job: string | null = null;
  private layoutsLoaded = false;
  /** The user picked a layout since the dialog opened: the device's setting no longer replaces it. */
  private layoutChosen = false;

  constructor(private readonly onClose: () => void) {
    this.dialog = byId<HTMLDialogElement>('paste-dialog');
    this.text = byId<HTMLTextAreaElement>('paste-text');
    this.layout = byId<HTMLSelectElement>('paste-layout');
    this.layout.addEventListener('change', () => { this.layoutChosen = true; });
    this.delay = byId<HTMLInputElement>('paste-delay');
    this.progress = byId<HTMLProgressElement>('paste-progress');
    this.message = byId('paste-message');
    this.submit = byId<HTMLButtonElement>('paste-submit');
    this.cancel = byId<HTMLButtonElement>('paste-cancel');
    byId('paste-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.start();
    });
    this.cancel.addEventListener('click', () => void this.stopOrClose());
    const clipboard = byId<HTMLButtonElement>('paste-clipboard');
    // readText needs a secure context and the user's permission; without it the button explains.
    clipboard.disabled = !navigator.clipboard?.readText;
    if (clipboard.disabled) clipboard.title = 'Reading the clipboard needs a secure context (https or localhost)';
    clipboard.addEventListener('click', () => void this.fromClipboard());
    this.dialog.addEventListener('close', () => this.onClose());
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  async open(): Promise<void> {
    this.showMessage('', false);
    this.progress.value = 0;
    this.dialog.showModal();
    this.text.focus();
    // The device's setting (the settings dialog may have changed it since the last paste), unless
    // the user picks a layout first: the options appear with it already chosen.
    this.layoutChosen = false;
    const target = this.targetLayout();
    if (!this.layoutsLoaded) await this.loadLayouts(target);
    const layout = await target;
    if (layout && !this.layoutChosen && [...this.layout.options].some((o) => o.value === layout)) this.layout.value = layout;
  }

  private async loadLayouts(target: Promise<string | null>): Promise<void> {
    try {
      const [layouts, layout] = await Promise.all([api<Layout[]>('GET', '/api/hid/layouts'), target]);
      this.layout.replaceChildren(...layouts.map((l) => new Option(`${l.name} (${l.id})`, l.id, false, l.id === layout)));
      this.layoutsLoaded = true;
    } catch (error) {
      this.showMessage(`Keyboard layouts are not available: ${describe(error)}`, true);
    }
  }

  /** The target's layout: the device setting in /api/hid/settings. */
  private async targetLayout(): Promise<string | null> {
    try {
      const settings = await api<{ layout?: string }>('GET', '/api/hid/settings');
      return settings.layout ?? null;
    } catch {
      return null;
    }
  }

  private async fromClipboard(): Promise<void> {
    try {
      const text = await navigator.clipboard.readText();
      this.text.value = text;
      this.showMessage(text ? `${text.length} characters from the clipboard.` : 'The clipboard holds no text.', !text);
    } catch (error) {
      this.showMessage(`The browser did not allow reading the clipboard: ${describe(error)}`, true);
    }
    this.text.focus();
  }

  private async start(): Promise<void> {
    if (this.job) return;
    const text = this.text.value;
    if (!text) {
      this.showMessage('Type or paste the text to send first.', true);
      return;
    }
    this.submit.disabled = true;
    this.showMessage('', false);
    try {
      const delayMs = Number.parseInt(this.delay.value, 10);
      const started = await api<Progress>('POST', '/api/hid/paste', {
        text,
        layout: this.layout.value || 'en-US',
        delayMs: Number.isFinite(delayMs) ? delayMs : 20,
      });
      this.job = started.id;
      this.cancel.textContent = 'Stop';
      await this.follow(started.id);
    } catch (error) {
      this.showMessage(describe(error), true);
    } finally {
      this.job = null;
      this.submit.disabled = false;
      this.cancel.textContent = 'Close';
    }
  }

  private async follow(id: string): Promise<void> {
    for (;;) {
      const p = await api<Progress>('GET', `/api/hid/paste/${encodeURIComponent(id)}`);
      this.progress.max = Math.max(1, p.total);
      this.progress.value = p.typed;
      this.showMessage(`${p.state}: ${p.typed} of ${p.total} characters`, false);
      if (p.state === 'done') {
        this.dialog.dataset['lastPaste'] = 'done';
        this.dialog.close();
        return;
      }
      if (p.state === 'cancelled' || p.state === 'failed') {
        this.showMessage(p.state === 'failed' ? `Paste failed: ${p.error ?? 'unknown error'}` : 'Paste stopped.', p.state === 'failed');
        return;
      }
      await new Promise((r) => setTimeout(r, 150));
    }
  }

  private async stopOrClose(): Promise<void> {
    if (this.job) {
      try {
        await api('DELETE', `/api/hid/paste/${encodeURIComponent(this.job)}`);
      } catch (error) {
        this.showMessage(describe(error), true);
      }
    } else {
      this.dialog.close();
    }
  }

  private showMessage(text: string, isError: boolean): void {
    this.message.textContent = text;
    this.message.classList.toggle('error', isError);
  }
}

function describe(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

