// The Wake-on-LAN dialog: send a magic packet (POST /api/wol), pick or save targets (/api/wol/targets).
import { api } from './api.js';
import { byId } from './paste.js';

interface WolTarget {
  name: string;
  mac: string;
  broadcast?: string | null;
  port?: number | null;
}

export class WolDialog {
  private readonly dialog = byId<HTMLDialogElement>('wol-dialog');
  private readonly select = byId<HTMLSelectElement>('wol-targets');
  private readonly name = byId<HTMLInputElement>('wol-name');
  private readonly mac = byId<HTMLInputElement>('wol-mac');
  private readonly broadcast = byId<HTMLInputElement>('wol-broadcast');
  private readonly port = byId<HTMLInputElement>('wol-port');
  private readonly message = byId('wol-message');
  private targets: WolTarget[] = [];

  constructor() {
    byId('wol-form').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send();
    });
    byId('wol-save').addEventListener('click', () => void this.save());
    byId('wol-close').addEventListener('click', () => this.dialog.close());
    this.select.addEventListener('change', () => {
      const target = this.targets.find((t) => t.name === this.select.value);
      if (!target) return;
      this.name.value = target.name;
      this.mac.value = target.mac;
      this.broadcast.value = target.broadcast ?? '';
      this.port.value = target.port ? String(target.port) : '';
    });
  }

  async open(): Promise<void> {
    this.show('', false);
    this.dialog.showModal();
    this.mac.focus();
    try {
      this.showTargets(await api<WolTarget[]>('GET', '/api/wol/targets'));
    } catch (error) {
      this.show(error instanceof Error ? error.message : String(error), true);
    }
  }

  private current(): WolTarget {
    const target: WolTarget = { name: this.name.value.trim(), mac: this.mac.value.trim() };
    if (this.broadcast.value.trim()) target.broadcast = this.broadcast.value.trim();
    if (this.port.value) target.port = Number(this.port.value);
    return target;
  }

  private async send(): Promise<void> {
    const { mac, broadcast, port } = this.current();
    const body: Record<string, unknown> = { mac };
    if (broadcast) body['broadcast'] = broadcast;
    if (port) body['port'] = port;
    try {
      const sent = await api<{ mac: string; broadcast: string; port: number }>('POST', '/api/wol', body);
      this.show(`Magic packet for ${sent.mac} sent to ${sent.broadcast}:${sent.port}`, false);
    } catch (error) {
      this.show(error instanceof Error ? error.message : String(error), true);
    }
  }

  private async save(): Promise<void> {
    const target = this.current();
    const list = [...this.targets.filter((t) => t.name !== target.name), target];
    try {
      this.showTargets(await api<WolTarget[]>('PUT', '/api/wol/targets', list));
      this.select.value = target.name;
      this.show(`Saved ${target.name}`, false);
    } catch (error) {
      this.show(error instanceof Error ? error.message : String(error), true);
    }
  }

  private showTargets(targets: WolTarget[]): void {
    this.targets = targets;
    this.select.replaceChildren(new Option('–', ''), ...targets.map((t) => new Option(`${t.name} (${t.mac})`, t.name)));
  }

  private show(text: string, isError: boolean): void {
    this.message.textContent = text;
    this.message.classList.toggle('error', isError);
  }
}
