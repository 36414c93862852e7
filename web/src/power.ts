// ATX power: the power and HDD LEDs in the toolbar (pushed over WS /api/events, no polling), and
// the power menu (press, hold to force off, reset), each action confirmed before it is sent.
import { api, ApiError } from './api.js';
import { byId } from './paste.js';
import { WolDialog } from './wol.js';

export interface AtxLeds {
  power: boolean;
  hdd: boolean;
}

type AtxRequest = { button: 'power' | 'reset'; action: 'press' | 'hold'; question: string; done: string };

const ACTIONS: Record<string, AtxRequest> = {
  power: { button: 'power', action: 'press', question: 'Press the power button of the target?', done: 'Power button pressed' },
  'force-off': { button: 'power', action: 'hold', question: 'Hold the power button for 5 s? The target is forced off; unsaved work is lost.', done: 'Power button held' },
  reset: { button: 'reset', action: 'press', question: 'Press the reset button? The target restarts at once; unsaved work is lost.', done: 'Reset pressed' },
};

/**
 * The pages' push channel: one WebSocket per page, reconnecting with back-off. Every message is
 * a JSON event {"type", ...}; a new connection first hears the latest event of every type.
 */
export class PageEventsClient {
  private socket: WebSocket | null = null;
  private retryMs = 500;
  private heartbeat: number | undefined;
  private readonly handlers = new Map<string, (event: Record<string, unknown>) => void>();

  on(type: string, handler: (event: Record<string, unknown>) => void): void {
    this.handlers.set(type, handler);
  }

  start(): void {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}/api/events`);
    this.socket = socket;
    socket.onopen = () => {
      this.retryMs = 500;
      // The server closes a socket silent both ways for 5 minutes.
      this.heartbeat = window.setInterval(() => socket.send('{"type":"heartbeat"}'), 60_000);
    };
    socket.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(message.data) as Record<string, unknown>;
      } catch {
        return;
      }
      this.handlers.get(String(event['type']))?.(event);
    };
    socket.onclose = () => {
      window.clearInterval(this.heartbeat);
      if (this.socket !== socket) return;
      window.setTimeout(() => this.start(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 10_000);
    };
  }
}

/** The LEDs and the power menu of the KVM page. */
export class PowerPanel {
  private readonly dialog = byId<HTMLDialogElement>('power-dialog');
  private readonly question = byId('power-question');
  private readonly confirm = byId<HTMLButtonElement>('power-confirm');
  private readonly message = byId('power-message');
  private pending: AtxRequest | null = null;
  private readonly wol = new WolDialog();

  constructor(events: PageEventsClient) {
    byId('btn-power').addEventListener('click', () => this.open());
    for (const button of Array.from(this.dialog.querySelectorAll<HTMLButtonElement>('[data-atx]'))) {
      button.addEventListener('click', () => this.ask(ACTIONS[button.dataset['atx'] ?? '']!));
    }
    this.confirm.addEventListener('click', () => void this.send());
    byId('power-close').addEventListener('click', () => this.dialog.close());
    byId('power-wol').addEventListener('click', () => {
      this.dialog.close();
      void this.wol.open();
    });
    events.on('atx', (event) => this.showLeds({ power: event['power'] === true, hdd: event['hdd'] === true }));
  }

  start(): void {
    void api<AtxLeds>('GET', '/api/atx').then((leds) => this.showLeds(leds)).catch(() => undefined);
  }

  showLeds(leds: AtxLeds): void {
    byId('led-power').classList.toggle('on', leds.power);
    byId('led-hdd').classList.toggle('on', leds.hdd);
    document.body.dataset['power'] = leds.power ? 'on' : 'off';
  }

  private open(): void {
    this.pending = null;
    this.question.textContent = 'Choose an action.';
    this.confirm.hidden = true;
    this.show('', false);
    // What the KVM's OLED shows now (a PNG drawn from the panel's memory).
    byId<HTMLImageElement>('oled-preview').src = `/api/oled/frame.png?t=${Date.now()}`;
    this.dialog.showModal();
  }

  private ask(request: AtxRequest): void {
    this.pending = request;
    this.question.textContent = request.question;
    this.confirm.hidden = false;
    this.confirm.focus();
  }

  private async send(): Promise<void> {
    const request = this.pending;
    if (!request) return;
    this.pending = null;
    this.confirm.hidden = true;
    try {
      await api('POST', `/api/atx/${request.button}`, { action: request.action });
      this.show(request.done, false);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        this.show('Another power action is still running; try again when it has finished.', true);
      } else if (error instanceof ApiError && error.status === 403) {
        this.show('Your role may not press the power buttons (operator needed).', true);
      } else {
        this.show(error instanceof Error ? error.message : String(error), true);
      }
    }
  }

  private show(text: string, isError: boolean): void {
    this.message.textContent = text;
    this.message.classList.toggle('error', isError);
  }
}
