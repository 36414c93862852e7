// The account page: change password, API tokens, and (admin) user management.
import { api } from './api.js';
import { requireSession, type Me } from './session.js';
import { byId, say, errorText, cell, button } from './dom.js';

interface Token { id: string; name: string; created: string; scope: string }
interface NewToken extends Token { token: string }
interface User { username: string; role: string; enabled: boolean; tokens: number }

async function loadTokens(): Promise<void> {
  const tokens = await api<Token[]>('GET', '/api/auth/tokens');
  const body = byId<HTMLTableSectionElement>('tokens');
  body.replaceChildren();
  for (const token of tokens) {
    const row = body.insertRow();
    row.dataset.id = token.id;
    cell(row, token.name);
    cell(row, token.scope === 'metrics' ? 'metrics only' : 'all');
    cell(row, new Date(token.created).toLocaleString());
    cell(row, button('Revoke', async () => {
      await api('DELETE', `/api/auth/tokens/${encodeURIComponent(token.id)}`);
      say('token-message', `Token "${token.name}" revoked.`);
      await loadTokens();
    }, 'token-message', 'btn-small btn-danger'));
  }
}

async function loadUsers(me: Me): Promise<void> {
  const users = await api<User[]>('GET', '/api/users');
  const body = byId<HTMLTableSectionElement>('users');
  body.replaceChildren();
  for (const user of users) {
    const row = body.insertRow();
    row.dataset.user = user.username;
    cell(row, user.username);
    const role = document.createElement('select');
    role.setAttribute('aria-label', `Role of ${user.username}`);
    for (const r of ['viewer', 'operator', 'admin']) role.add(new Option(r, r, false, r === user.role));
    role.addEventListener('change', () => {
      api('PUT', `/api/users/${encodeURIComponent(user.username)}`, { role: role.value })
        .then(() => say('user-message', `${user.username} is now ${role.value}; their sessions and open connections were closed.`))
        .catch((e) => { say('user-message', errorText(e), false); role.value = user.role; });
    });
    cell(row, role);
    cell(row, user.enabled ? 'yes' : 'no');
    const actions = document.createElement('span');
    if (user.username !== me.username) {
      actions.append(button(user.enabled ? 'Disable' : 'Enable', async () => {
        await api('PUT', `/api/users/${encodeURIComponent(user.username)}`, { enabled: !user.enabled });
        await loadUsers(me);
      }, 'user-message'), button('Delete', async () => {
        if (!confirm(`Delete user ${user.username}?`)) return;
        await api('DELETE', `/api/users/${encodeURIComponent(user.username)}`);
        await loadUsers(me);
      }, 'user-message', 'btn-small btn-danger'));
    }
    cell(row, actions);
  }
}

async function start(): Promise<void> {
  const me = await requireSession();
  if (!me) return;

  byId<HTMLFormElement>('password-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api('PUT', '/api/auth/password', {
        currentPassword: byId<HTMLInputElement>('password-current').value,
        newPassword: byId<HTMLInputElement>('password-new').value,
      });
      byId<HTMLFormElement>('password-form').reset();
      say('password-message', 'Password changed; your other sessions were logged out and your API tokens revoked.');
      await loadTokens();
    } catch (e) {
      say('password-message', errorText(e), false);
    }
  });

  byId<HTMLFormElement>('token-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const created = await api<NewToken>('POST', '/api/auth/tokens', {
        name: byId<HTMLInputElement>('token-name').value,
        scope: me.role === 'admin' ? byId<HTMLSelectElement>('token-scope').value : 'all',
      });
      const secret = byId('token-secret');
      secret.textContent = created.token;
      secret.hidden = false;
      say('token-message', 'Copy the token now: it is not shown again.');
      byId<HTMLFormElement>('token-form').reset();
      await loadTokens();
    } catch (e) {
      say('token-message', errorText(e), false);
    }
  });
  await loadTokens();

  if (me.role === 'admin') {
    // A metrics-only token (for a Prometheus server) is an admin's: /metrics needs the admin role.
    byId('token-scope-row').hidden = false;
    byId('users-section').hidden = false;
    byId<HTMLFormElement>('user-form').addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        await api('POST', '/api/users', {
          username: byId<HTMLInputElement>('user-name').value,
          password: byId<HTMLInputElement>('user-password').value,
          role: byId<HTMLSelectElement>('user-role').value,
        });
        byId<HTMLFormElement>('user-form').reset();
        say('user-message', 'User created.');
        await loadUsers(me);
      } catch (e) {
        say('user-message', errorText(e), false);
      }
    });
    await loadUsers(me);
  }
  document.body.dataset.ready = 'account';
}

start().catch((e) => console.error(e));
