// The platform console (admin): bundles (install with a progress bar, start, stop, update,
// uninstall), health, configuration forms generated from the metatype, trusted signers.
import { ApiError, api } from './api.js';
import { requireSession } from './session.js';
import { byId, say, errorText, cell, button } from './dom.js';

interface Bundle { id: number; symbolicName: string; version: string; state: string; fragment: boolean; vendor: string | null; signer: string | null; builtIn: boolean }
interface Health { name: string; status: string; message: string }
interface Attribute { id: string; name: string; description: string | null; type: string; cardinality: number; required: boolean; defaultValue: string[]; options: { label: string; value: string }[]; min: string | null; max: string | null }
interface Config { pid: string; exists: boolean; properties: Record<string, unknown>; secrets: Record<string, boolean>; metatype: { name: string; description: string | null; attributes: Attribute[] } | null }
interface Certificate { id: string; subject: string; sha256: string; notAfter: string; builtIn: boolean }

/** Uploads a jar with XMLHttpRequest, whose upload events drive the progress bar (fetch has none). */
function uploadJar(method: 'POST' | 'PUT', path: string, file: File): Promise<Bundle> {
  const progress = byId<HTMLProgressElement>('upload-progress');
  progress.hidden = false;
  progress.value = 0;
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(method, path);
    request.setRequestHeader('Content-Type', 'application/java-archive');
    request.setRequestHeader('Accept', 'application/json');
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    });
    request.addEventListener('load', () => {
      progress.value = 100;
      let body: { error?: string; message?: string } & Partial<Bundle> = {};
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // not JSON
      }
      if (request.status >= 200 && request.status < 300) resolve(body as Bundle);
      else reject(new ApiError(request.status, body.error ?? 'http_' + request.status, body.message ?? `HTTP ${request.status}`));
    });
    request.addEventListener('error', () => reject(new Error('The upload failed: the connection broke')));
    request.send(file);
  });
}

async function loadHealth(): Promise<void> {
  const checks = await api<Health[]>('GET', '/api/platform/health');
  const body = byId<HTMLTableSectionElement>('health');
  body.replaceChildren();
  for (const check of checks) {
    const row = body.insertRow();
    row.dataset.check = check.name;
    cell(row, check.name);
    cell(row, check.status);
    cell(row, check.message);
  }
}

async function loadBundles(): Promise<void> {
  const bundles = await api<Bundle[]>('GET', '/api/platform/bundles');
  const body = byId<HTMLTableSectionElement>('bundles');
  body.replaceChildren();
  for (const bundle of bundles) {
    const row = body.insertRow();
    row.dataset.bundle = bundle.symbolicName;
    cell(row, String(bundle.id));
    cell(row, bundle.symbolicName + (bundle.builtIn ? ' (built in)' : ''));
    cell(row, bundle.version);
    cell(row, bundle.state);
    cell(row, bundle.vendor ?? '');
    cell(row, bundle.signer ?? 'unsigned');
    const actions = document.createElement('span');
    if (!bundle.fragment && bundle.id !== 0) {
      const path = `/api/platform/bundles/${bundle.id}`;
      const change = async (what: string, run: () => Promise<unknown>): Promise<void> => {
        if (!confirm(`${what} ${bundle.symbolicName} ${bundle.version}?`)) return;
        await run();
        say('bundle-message', `${what}: ${bundle.symbolicName} done.`);
        await refresh();
      };
      actions.append(
        bundle.state === 'ACTIVE'
          ? button('Stop', () => change('Stop', () => api('POST', `${path}/stop`)), 'bundle-message')
          : button('Start', () => change('Start', () => api('POST', `${path}/start`)), 'bundle-message'),
        ' ', button('Update…', async () => chooseUpdate(bundle), 'bundle-message'),
        ' ', button('Uninstall', () => change('Uninstall', () => api('DELETE', path)), 'bundle-message'),
        ' ', button('Configure', async () => loadConfig(bundle.symbolicName), 'config-message'));
    }
    cell(row, actions);
  }
}

function chooseUpdate(bundle: Bundle): void {
  const input = byId<HTMLInputElement>('update-file');
  input.value = '';
  input.onchange = () => {
    const file = input.files?.[0];
    if (!file || !confirm(`Replace ${bundle.symbolicName} ${bundle.version} by ${file.name}?`)) return;
    say('bundle-message', `Updating ${bundle.symbolicName}…`);
    uploadJar('PUT', `/api/platform/bundles/${bundle.id}`, file)
      .then((updated) => { say('bundle-message', `${updated.symbolicName} is now ${updated.version}, ${updated.state}.`); return refresh(); })
      .catch((e) => say('bundle-message', `Update refused: ${errorText(e)}`, false));
  };
  input.click();
}

function field(attribute: Attribute, config: Config): HTMLElement {
  const row = document.createElement('div');
  row.className = 'form-row';
  const label = document.createElement('label');
  label.textContent = attribute.name;
  label.htmlFor = `config-field-${attribute.id}`;
  let input: HTMLInputElement | HTMLSelectElement;
  const current = attribute.id in config.properties ? config.properties[attribute.id] : attribute.defaultValue[0];
  if (attribute.options.length > 0) {
    const select = document.createElement('select');
    for (const option of attribute.options) select.add(new Option(option.label, option.value, false, String(current) === option.value));
    input = select;
  } else {
    const text = document.createElement('input');
    if (attribute.type === 'Boolean') {
      text.type = 'checkbox';
      text.checked = String(current) === 'true';
    } else if (attribute.type === 'Password') {
      text.type = 'password';
      text.autocomplete = 'new-password';
      text.placeholder = config.secrets[attribute.id] ? 'set (leave empty to keep)' : 'not set';
    } else {
      text.type = ['Integer', 'Long', 'Short', 'Byte', 'Double', 'Float'].includes(attribute.type) ? 'number' : 'text';
      if (attribute.min !== null) text.min = attribute.min;
      if (attribute.max !== null) text.max = attribute.max;
      text.value = current === undefined || current === null ? '' : Array.isArray(current) ? current.join(',') : String(current);
    }
    input = text;
  }
  input.name = attribute.id;
  input.dataset.type = attribute.type;
  input.dataset.initial = input instanceof HTMLInputElement && input.type === 'checkbox' ? String(input.checked) : input.value;
  input.id = label.htmlFor;
  row.append(label, input);
  if (attribute.description) {
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.id = `${input.id}-hint`;
    hint.textContent = attribute.description;
    input.setAttribute('aria-describedby', hint.id);
    row.append(hint);
  }
  return row;
}

function value(input: HTMLInputElement | HTMLSelectElement): unknown {
  const type = input.dataset.type;
  if (input instanceof HTMLInputElement && input.type === 'checkbox') return input.checked;
  if (['Integer', 'Long', 'Short', 'Byte', 'Double', 'Float'].includes(type ?? '') && input.value.trim() !== '' && !Number.isNaN(Number(input.value))) {
    return Number(input.value);
  }
  return input.value;
}

async function loadConfig(pid: string): Promise<void> {
  byId<HTMLInputElement>('pid').value = pid;
  const form = byId<HTMLFormElement>('config-form');
  let config: Config;
  try {
    config = await api<Config>('GET', `/api/platform/config/${encodeURIComponent(pid)}`);
  } catch (e) {
    form.hidden = true;
    say('config-message', errorText(e), false);
    return;
  }
  if (!config.metatype) {
    form.hidden = true;
    say('config-message', `${pid} has no metatype: it cannot be edited here.`, false);
    return;
  }
  byId('config-title').textContent = `${config.metatype.name} (${pid})`;
  byId('config-fields').replaceChildren(...config.metatype.attributes.map((a) => field(a, config)));
  form.dataset.pid = pid;
  form.hidden = false;
  say('config-message', config.exists ? '' : 'Not configured yet: the defaults are shown.');
  form.scrollIntoView({ block: 'nearest' });
}

async function saveConfig(form: HTMLFormElement): Promise<void> {
  const pid = form.dataset.pid ?? '';
  const changes: Record<string, unknown> = {};
  for (const input of form.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')) {
    input.removeAttribute('aria-invalid');
    const now = input instanceof HTMLInputElement && input.type === 'checkbox' ? String(input.checked) : input.value;
    if (input.dataset.type === 'Password' && now === '') continue;
    if (now !== input.dataset.initial) changes[input.name] = value(input);
  }
  if (Object.keys(changes).length === 0) {
    say('config-message', 'Nothing changed.');
    return;
  }
  try {
    await api('PUT', `/api/platform/config/${encodeURIComponent(pid)}`, changes);
  } catch (e) {
    // The message starts with the field's name: mark that field.
    const message = errorText(e);
    const name = message.split(':')[0];
    form.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`)?.setAttribute('aria-invalid', 'true');
    say('config-message', `Not saved: ${message}`, false);
    return;
  }
  say('config-message', `Saved: ${Object.keys(changes).join(', ')}.`);
  await loadConfig(pid);
  say('config-message', `Saved: ${Object.keys(changes).join(', ')}.`);
}

async function loadTrust(): Promise<void> {
  const certificates = await api<Certificate[]>('GET', '/api/platform/trust');
  const body = byId<HTMLTableSectionElement>('trust');
  body.replaceChildren();
  for (const certificate of certificates) {
    const row = body.insertRow();
    row.dataset.id = certificate.id;
    cell(row, certificate.subject + (certificate.builtIn ? ' (this build)' : ''));
    cell(row, certificate.sha256.slice(0, 16) + '…');
    cell(row, new Date(certificate.notAfter).toLocaleDateString());
    cell(row, certificate.builtIn ? '' : button('Remove', async () => {
      if (!confirm(`Stop trusting ${certificate.subject}? Bundles it signed can no longer be installed or updated.`)) return;
      await api('DELETE', `/api/platform/trust/${certificate.id}`);
      say('trust-message', `${certificate.subject} removed.`);
      await loadTrust();
    }, 'trust-message'));
  }
}

/** POST /api/platform/trust takes the PEM itself, not JSON. */
async function trust(pem: string): Promise<void> {
  const response = await fetch('/api/platform/trust', {
    method: 'POST', headers: { 'Content-Type': 'application/x-pem-file', Accept: 'application/json' }, body: pem, cache: 'no-store',
  });
  const body = await response.json().catch(() => ({})) as { message?: string; subject?: string };
  if (!response.ok) {
    say('trust-message', `Not trusted: ${body.message ?? 'HTTP ' + response.status}`, false);
    return;
  }
  say('trust-message', `Now trusting ${body.subject}.`);
  byId<HTMLTextAreaElement>('trust-pem').value = '';
  await loadTrust();
}

async function refresh(): Promise<void> {
  await Promise.all([loadBundles(), loadHealth()]);
}

void requireSession().then(async (me) => {
  if (!me) return;
  if (me.role !== 'admin') {
    byId('console-denied').hidden = false;
    return;
  }
  byId('console-body').hidden = false;
  byId<HTMLFormElement>('upload-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const file = byId<HTMLInputElement>('upload-file').files?.[0];
    if (!file) return;
    say('bundle-message', `Installing ${file.name}…`);
    uploadJar('POST', '/api/platform/bundles', file)
      .then((bundle) => { say('bundle-message', `Installed ${bundle.symbolicName} ${bundle.version}: ${bundle.state}, signed by ${bundle.signer}.`); return refresh(); })
      .catch((e) => say('bundle-message', `Install refused: ${errorText(e)}`, false));
  });
  byId<HTMLFormElement>('pid-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void loadConfig(byId<HTMLInputElement>('pid').value.trim());
  });
  byId<HTMLFormElement>('config-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void saveConfig(event.currentTarget as HTMLFormElement);
  });
  byId<HTMLFormElement>('trust-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void trust(byId<HTMLTextAreaElement>('trust-pem').value);
  });
  await Promise.all([refresh(), loadTrust()]);
});
