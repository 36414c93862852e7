// The logged-in user of a page: /api/auth/me decides (the session cookie is HttpOnly, so the
// page cannot read it). Not logged in → the login page. Also wires the toolbar's user name and
// "Log out", and notices a session that ends while the page is open (logout elsewhere, expiry).
import { ApiError, api } from './api.js';

export interface Me {
  username: string;
  role: 'admin' | 'operator' | 'viewer';
}

const RECHECK_MS = 30_000;

export function loginUrl(): string {
  const next = location.pathname + location.search;
  return '/login.html' + (next && next !== '/' ? '?next=' + encodeURIComponent(next) : '');
}

/** The current user, or null after sending the browser to the login page. */
export async function requireSession(): Promise<Me | null> {
  try {
    const me = await api<Me>('GET', '/api/auth/me');
    wireToolbar(me);
    setInterval(() => {
      api<Me>('GET', '/api/auth/me').catch((e) => {
        if (e instanceof ApiError && e.status === 401) location.replace(loginUrl());
      });
    }, RECHECK_MS);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      location.replace(loginUrl());
      return null;
    }
    throw e;
  }
}

export async function logout(): Promise<void> {
  try {
    await api('POST', '/api/auth/logout');
  } finally {
    location.replace('/login.html');
  }
}

function wireToolbar(me: Me): void {
  const user = document.getElementById('session-user');
  if (user) {
    user.textContent = `${me.username} (${me.role})`;
    user.dataset.role = me.role;
  }
  const logoutButton = document.getElementById('btn-logout');
  logoutButton?.setAttribute('title', `End the session of ${me.username} (${me.role})`);
  logoutButton?.addEventListener('click', () => void logout());
}
