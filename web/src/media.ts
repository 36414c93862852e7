// Virtual media: upload images (XHR, so the progress bar follows the bytes sent), mount one as
// CD-ROM or disk, eject, delete. GET /api/media is polled while the dialog is open, so uploads and
// downloads started elsewhere show their progress too.
import { api, ApiError } from './api.js';
import { byId } from './paste.js';

interface ImageInfo {
  name: string;
  size: number;
  sha256: string | null;
}

interface Transfer {
  id: string;
  name: string;
  source: string;
  bytes: number;
  total: number;
  state: 'running' | 'done' | 'failed';
  message: string | null;
}

interface MediaState {
  images: ImageInfo[];
  mounted: { name: string; mode: 'cdrom' | 'disk'; readOnly: boolean } | null;
  transfers: Transfer[];
}

const POLL_MS = 1000;
/** What the server accepts (ImageNames): letters, digits and . _ - +, starting with a letter or digit. */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

/** A file name made acceptable as an image name, or '' when nothing usable is left. */
export function imageName(fileName: string): string {
  const cleaned = fileName.replace(/[^A-Za-z0-9._+-]+/g, '_').replace(/\.{2,}/g, '.').replace(/^[^A-Za-z0-9]+/, '');
  const name = cleaned.slice(0, 128);
  return NAME_PATTERN.test(name) ? name : '';
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = -1;
  do {
    value /= 1024;
    unit++;
  } while (value >= 1024 && unit < units.length - 1);
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export class MediaDialog {
  private readonly dialog = byId<HTMLDialogElement>('media-dialog');
  private readonly file = byId<HTMLInputElement>('media-file');
  private readonly upload = byId<HTMLButtonElement>('media-upload');
  private readonly progress = byId<HTMLProgressElement>('media-progress');
  private readonly message = byId('media-message');
  private readonly list = byId<HTMLTableSectionElement>('media-images');
  private readonly mounted = byId('media-mounted');
  private readonly eject = byId<HTMLButtonElement>('media-eject');
  private readonly readOnly = byId<HTMLInputElement>('media-readonly');
  private poll: number | undefined;
  private request: XMLHttpRequest | null = null;

  private readonly canChange: boolean;
  private readonly usb: UsbPanel;

  constructor(role: 'admin' | 'operator' | 'viewer', private readonly onClose: () => void) {
    this.canChange = role !== 'viewer';
    this.usb = new UsbPanel(role === 'admin');
    byId('btn-media').addEventListener('click', () => this.open());
    byId('media-close').addEventListener('click', () => this.dialog.close());
    this.upload.addEventListener('click', () => this.startUpload());
    this.eject.addEventListener('click', () => void this.change('POST', '/api/media/unmount'));
    this.dialog.addEventListener('close', () => {
      window.clearInterval(this.poll);
      this.onClose();
    });
    for (const control of [this.file, this.upload, this.eject, this.readOnly]) control.disabled = !this.canChange;
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  open(): void {
    this.dialog.showModal();
    void this.usb.load();
    void this.refresh();
    this.poll = window.setInterval(() => void this.refresh(), POLL_MS);
  }

  /** Streams the chosen file with PUT; the server writes it to a temp file and renames it when complete. */
  private startUpload(): void {
    const file = this.file.files?.[0];
    if (!file || this.request) return;
    const name = imageName(file.name);
    if (!name) {
      this.show(`"${file.name}" cannot be used as an image name`, true);
      return;
    }
    const request = new XMLHttpRequest();
    this.request = request;
    request.open('PUT', `/api/media/images/${encodeURIComponent(name)}`);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) {
        this.progress.max = e.total;
        this.progress.value = e.loaded;
        this.progress.dataset['loaded'] = String(e.loaded);
        this.show(`Uploading ${name}: ${formatBytes(e.loaded)} of ${formatBytes(e.total)}`, false);
      }
    });
    request.addEventListener('loadend', () => {
      this.request = null;
      this.upload.disabled = !this.canChange;
      if (request.status === 201) {
        this.progress.value = this.progress.max;
        this.show(`${name} uploaded`, false);
      } else {
        this.show(errorText(request), true);
      }
      void this.refresh();
    });
    this.upload.disabled = true;
    this.progress.value = 0;
    this.show(`Uploading ${name}…`, false);
    request.send(file);
  }

  private async refresh(): Promise<void> {
    try {
      this.render(await api<MediaState>('GET', '/api/media'));
    } catch (e) {
      this.show(e instanceof Error ? e.message : String(e), true);
    }
  }

  private render(state: MediaState): void {
    const m = state.mounted;
    this.mounted.textContent = m ? `${m.name} as ${m.mode === 'cdrom' ? 'CD-ROM' : 'disk'}${m.readOnly ? ' (read-only)' : ''}` : 'nothing';
    this.eject.disabled = !this.canChange || !m;
    const rows: HTMLTableRowElement[] = [];
    for (const image of state.images) {
      const row = document.createElement('tr');
      row.dataset['name'] = image.name;
      row.append(cell(image.name), cell(formatBytes(image.size)));
      const actions = document.createElement('td');
      const isMounted = m?.name === image.name;
      actions.append(
        this.button('CD-ROM', 'mount-cdrom', !isMounted, () => this.mount(image.name, 'cdrom')),
        this.button('Disk', 'mount-disk', !isMounted, () => this.mount(image.name, 'disk')),
        this.button('Delete', 'delete', !isMounted, () => void this.change('DELETE', `/api/media/images/${encodeURIComponent(image.name)}`)),
      );
      row.append(actions);
      rows.push(row);
    }
    for (const transfer of state.transfers.filter((t) => t.state === 'running')) {
      const row = document.createElement('tr');
      row.className = 'transfer';
      const share = transfer.total > 0 ? ` of ${formatBytes(transfer.total)}` : '';
      row.append(cell(transfer.name), cell(`${formatBytes(transfer.bytes)}${share}`), cell('receiving…'));
      rows.push(row);
    }
    this.list.replaceChildren(...rows);
  }

  private mount(name: string, mode: 'cdrom' | 'disk'): void {
    void this.change('POST', '/api/media/mount', { name, mode, readOnly: mode === 'cdrom' || this.readOnly.checked });
  }

  private async change(method: string, path: string, body?: unknown): Promise<void> {
    try {
      await api(method, path, body);
      this.show('', false);
    } catch (e) {
      this.show(e instanceof ApiError ? e.message : String(e), true);
    }
    await this.refresh();
  }

  private button(text: string, action: string, enabled: boolean, onClick: () => void): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = text;
    button.dataset['action'] = action;
    button.disabled = !this.canChange || !enabled;
    button.addEventListener('click', onClick);
    return button;
  }

  private show(text: string, error: boolean): void {
    this.message.textContent = text;
    this.message.classList.toggle('error', error);
  }
}

function cell(text: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function errorText(request: XMLHttpRequest): string {
  try {
    const body = JSON.parse(request.responseText) as { message?: string };
    if (body.message) return body.message;
  } catch {
    // not JSON
  }
  return request.status === 0 ? 'The upload was interrupted' : `HTTP ${request.status}`;
}

interface UsbSettings {
  network: 'off' | 'rndis' | 'ncm';
  bootProtocol: boolean;
  hidOnly: boolean;
  remoteWakeup: boolean;
  udc: string;
  note: string;
  /** Stock flag files under /boot: a present one turns its feature on whatever the settings say. */
  flags?: { rndis: boolean; ncm: boolean; hidOnly: boolean; bios: boolean };
}

/** GET/PUT /api/usb (device only; on a PC the endpoint does not exist and the panel says so). */
class UsbPanel {
  private readonly note = byId('usb-note');
  private readonly message = byId('usb-message');
  private readonly network = byId<HTMLSelectElement>('usb-network');
  private readonly boot = byId<HTMLInputElement>('usb-boot');
  private readonly hidOnly = byId<HTMLInputElement>('usb-hidonly');
  private readonly wakeup = byId<HTMLInputElement>('usb-wakeup');
  private readonly apply = byId<HTMLButtonElement>('usb-apply');
  private readonly reconnect = byId<HTMLButtonElement>('usb-reconnect');
  private available = false;
  private biosForced = false;

  constructor(private readonly isAdmin: boolean) {
    this.apply.addEventListener('click', () => void this.change('PUT', '/api/usb', {
      network: this.network.value, hidOnly: this.hidOnly.checked, remoteWakeup: this.wakeup.checked,
      // Forced by /boot/BIOS, the box shows the flag, not the setting: leave the setting as stored.
      ...(this.biosForced ? {} : { bootProtocol: this.boot.checked }),
    }));
    this.reconnect.addEventListener('click', () => void this.change('POST', '/api/usb/reconnect'));
    this.enable();
  }

  async load(): Promise<void> {
    try {
      const usb = await api<UsbSettings>('GET', '/api/usb');
      this.available = true;
      this.network.value = usb.network;
      this.boot.checked = usb.bootProtocol;
      this.hidOnly.checked = usb.hidOnly;
      this.wakeup.checked = usb.remoteWakeup;
      this.biosForced = !!usb.flags?.bios;
      this.boot.title = this.biosForced ? 'On because /boot/BIOS exists on the device' : '';
      this.note.textContent = `Controller ${usb.udc}. ${usb.note}${this.biosForced ? ' BIOS mode is forced on by /boot/BIOS.' : ''}`;
    } catch (e) {
      this.available = false;
      this.note.textContent = e instanceof ApiError && e.status === 404
        ? 'The USB gadget runs on the device; here the virtual machine is the target.'
        : e instanceof Error ? e.message : String(e);
    }
    this.enable();
  }

  private enable(): void {
    const on = this.available && this.isAdmin;
    for (const control of [this.network, this.boot, this.hidOnly, this.wakeup, this.apply, this.reconnect]) control.disabled = !on;
    if (this.biosForced) this.boot.disabled = true;
  }

  private async change(method: string, path: string, body?: unknown): Promise<void> {
    try {
      await api(method, path, body);
      this.message.textContent = method === 'PUT' ? 'Applied: the USB device re-enumerates' : 'Reconnected';
    } catch (e) {
      this.message.textContent = e instanceof Error ? e.message : String(e);
    }
  }
}
