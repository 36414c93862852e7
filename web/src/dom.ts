// Small DOM helpers the pages share (KVM page, login, account, console): one definition each.
import { ApiError } from './api.js';

/** The element with this id; throws when the page lacks it (a broken page, not a user error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

/** Shows `text` in the message element `id`, styled as a confirmation or an error. */
export function say(id: string, text: string, ok = true): void {
  const element = byId(id);
  element.textContent = text;
  element.className = 'message ' + (ok ? 'ok' : 'error');
}

/** What to show for a failed call: the server's sentence for an API error. */
export function errorText(e: unknown): string {
  return e instanceof ApiError || e instanceof Error ? e.message : String(e);
}

/** Appends a cell with text (never parsed as HTML) or a node. */
export function cell(row: HTMLTableRowElement, content: string | Node): void {
  const td = row.insertCell();
  if (typeof content === 'string') td.textContent = content;
  else td.append(content);
}

/** A button running `action`; a failure is shown in the message element `messageId`. */
export function button(label: string, action: () => Promise<void>, messageId: string, className = 'btn-small'): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = label;
  b.addEventListener('click', () => action().catch((e) => say(messageId, errorText(e), false)));
  return b;
}
