// The login page, and on first start the setup form (one-time setup code → first admin).
import { ApiError, api } from './api.js';
import { safeNextPath } from './redirect.js';
import { byId } from './dom.js';

function value(id: string): string {
  return byId<HTMLInputElement>(id).value;
}

/** Only a path of this site: never an absolute URL (no open redirect). */
function nextPage(): string {
  return safeNextPath(new URLSearchParams(location.search).get('next'), location.origin);
}

function showError(id: string, e: unknown): void {
  const message = byId(id);
  if (e instanceof ApiError && e.status === 429) {
    message.textContent = 'Too many failed attempts. ' + e.message;
  } else if (e instanceof ApiError && e.status === 401) {
    message.textContent = 'Wrong user name or password.';
  } else {
    message.textContent = e instanceof Error ? e.message : String(e);
  }
  message.hidden = false;
}

async function start(): Promise<void> {
  const setup = await api<{ required: boolean }>('GET', '/api/auth/setup');
  const setupForm = byId<HTMLFormElement>('setup-form');
  const loginForm = byId<HTMLFormElement>('login-form');
  setupForm.hidden = !setup.required;
  loginForm.hidden = setup.required;
  document.body.dataset.ready = setup.required ? 'setup' : 'login';

  loginForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    byId('login-error').hidden = true;
    try {
      await api('POST', '/api/auth/login', { username: value('login-user'), password: value('login-password') });
      location.replace(nextPage());
    } catch (e) {
      showError('login-error', e);
    }
  });

  setupForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    byId('setup-error').hidden = true;
    if (value('setup-password') !== value('setup-password2')) {
      showError('setup-error', new Error('The two passwords differ.'));
      return;
    }
    try {
      await api('POST', '/api/auth/setup', {
        setupCode: value('setup-code'), username: value('setup-user'), password: value('setup-password'),
      });
      location.replace('/');
    } catch (e) {
      showError('setup-error', e);
    }
  });
}

start().catch((e) => showError('login-error', e));
