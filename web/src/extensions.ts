// The UI extension point (docs/vendor-sdk.md): one toolbar button per registered UiExtension
// service. The first click imports the extension's ES module (served by its bundle, same origin)
// and calls its activate(button); from then on the module owns the button. Also shows the
// console link to admins.
import { api } from './api.js';
import type { Me } from './session.js';

interface Extension { id: string; label: string; module: string }
interface ExtensionModule { activate(button: HTMLButtonElement): unknown }

export async function loadToolbarExtensions(me: Me): Promise<void> {
  const consoleLink = document.getElementById('link-console');
  if (consoleLink) consoleLink.hidden = me.role !== 'admin';
  const place = document.getElementById('toolbar-extensions');
  if (!place) return;
  const extensions = await api<Extension[]>('GET', '/api/platform/ui/extensions').catch(() => [] as Extension[]);
  place.replaceChildren(...extensions.map(toolbarButton));
}

function toolbarButton(extension: Extension): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = extension.label;
  button.dataset.extension = extension.id;
  const first = async (): Promise<void> => {
    button.removeEventListener('click', first);
    try {
      const module = await import(extension.module) as ExtensionModule;
      await module.activate(button);
    } catch (e) {
      button.title = `${extension.label} failed: ${e instanceof Error ? e.message : String(e)}`;
      console.error(`extension ${extension.id}:`, e);
    }
  };
  button.addEventListener('click', first);
  return button;
}
