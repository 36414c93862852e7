// Paste with each layout into a virtual machine set to the same layout: what arrives is what
// was sent (AltGr and dead keys included); what a layout cannot type is refused with 422.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Platform, waitFor } from '../lib/harness.mjs';

let platform;

before(async () => {
  platform = await Platform.start('layouts');
});

after(async () => {
  await platform?.json('PUT', '/api/virtual/settings', { layout: 'en-US' }).catch(() => {});
  await platform?.stop();
});

const SAMPLES = {
  'en-US': 'Hello, World! 0123456789 `~!@#$%^&*()-_=+[{]}\\|;:\'",<.>/?',
  'en-GB': 'Hello, World! café £ "quotes" @ # ~ \\ | ¬ `',
  'de-DE': 'Grüße aus Köln! ÄÖÜ äöü ß € @ { } [ ] \\ | ~ ^ ` ´ â ê ô µ ²³ °',
  'fr-FR': 'ça a été très déjà vu : àèùéç € @ # { } [ ] \\ | ~ ^ ê â î ë ï ü ² ¤ µ §',
};

async function paste(text, layout) {
  const response = await platform.request('POST', '/api/hid/paste', { text, layout, delayMs: 5 });
  const body = await response.json();
  return { status: response.status, body };
}

for (const [layout, sample] of Object.entries(SAMPLES)) {
  test(`${layout}: a pasted text arrives exactly`, async () => {
    await platform.json('PUT', '/api/virtual/settings', { layout });
    const marker = `\n${layout}>`;
    const { status, body } = await paste(`${marker}${sample}\n`, layout);
    assert.equal(status, 202, JSON.stringify(body));
    const done = await waitFor(`paste ${body.id} done`, async () => {
      const progress = await platform.json('GET', `/api/hid/paste/${body.id}`);
      return progress.state !== 'queued' && progress.state !== 'running' ? progress : null;
    }, 30_000, 100);
    assert.equal(done.state, 'done', JSON.stringify(done));
    assert.equal(done.typed, done.total);
    const typed = (await platform.json('GET', '/api/virtual/state')).typed;
    assert.ok(typed.endsWith(`${marker}${sample}\n`), `typed ends with ${JSON.stringify(typed.slice(-120))}`);
  });
}

test('untypeable characters are refused with 422 naming them', async () => {
  await platform.json('PUT', '/api/virtual/settings', { layout: 'en-US' });
  const { status, body } = await paste('price: 5 € 😀', 'en-US');
  assert.equal(status, 422);
  assert.equal(body.error, 'untypeable');
  assert.match(body.message, /'€' \(U\+20AC\)/);
  assert.match(body.message, /U\+1F600/);
});

test('bad paste requests are refused with the field named', async () => {
  assert.equal((await paste('x', 'xx-XX')).status, 400);
  const tooLong = await platform.request('POST', '/api/hid/paste', { text: 'a'.repeat(64 * 1024 + 1), layout: 'en-US' });
  assert.equal(tooLong.status, 413);
  const delay = await platform.request('POST', '/api/hid/paste', { text: 'a', layout: 'en-US', delayMs: 5000 });
  assert.equal(delay.status, 400);
  assert.match((await delay.json()).message, /delayMs/);
});

test('a paste can be cancelled', async () => {
  const { body } = await paste('a'.repeat(500), 'en-US');
  const cancelled = await platform.json('DELETE', `/api/hid/paste/${body.id}`);
  assert.equal(cancelled.state, 'cancelled');
  const status = await platform.json('GET', '/api/hid/status');
  await waitFor('nothing held', async () => (await platform.json('GET', '/api/hid/status')).pressed.keys.length === 0, 20_000);
  assert.ok(status);
});

test('key combinations: unknown names are 400, a known one is pressed and released', async () => {
  const unknown = await platform.request('POST', '/api/hid/keys', { keys: ['ControlLeft', 'Banana'] });
  assert.equal(unknown.status, 400);
  assert.match((await unknown.json()).message, /Banana/);
  const ok = await platform.request('POST', '/api/hid/keys', { keys: ['ShiftLeft', 'KeyK'] });
  assert.equal(ok.status, 204);
  await waitFor('"K" typed', async () => (await platform.json('GET', '/api/virtual/state')).typed.endsWith('K'), 20_000);
});

test('settings merge and persist', async () => {
  const before = await platform.json('GET', '/api/hid/settings');
  const changed = await platform.json('PUT', '/api/hid/settings', { mouse: 'relative' });
  assert.deepEqual(changed, { ...before, mouse: 'relative' });
  assert.deepEqual(await platform.json('GET', '/api/hid/settings'), changed);
  const bad = await platform.request('PUT', '/api/hid/settings', { mouse: 'sideways' });
  assert.equal(bad.status, 400);
  assert.deepEqual(await platform.json('GET', '/api/hid/settings'), changed, 'a failed request changes nothing');
  await platform.json('PUT', '/api/hid/settings', { mouse: 'absolute' });
});

test('the target keyboard layout is a device setting: known ids only', async () => {
  assert.equal((await platform.json('GET', '/api/hid/settings')).layout, 'en-US');
  assert.equal((await platform.json('PUT', '/api/hid/settings', { layout: 'fr-FR' })).layout, 'fr-FR');
  assert.equal((await platform.json('GET', '/api/hid/settings')).layout, 'fr-FR');
  const unknown = await platform.request('PUT', '/api/hid/settings', { layout: 'xx-XX' });
  assert.equal(unknown.status, 400);
  assert.match((await unknown.json()).message, /xx-XX.*en-US/);
  assert.equal((await platform.json('GET', '/api/hid/settings')).layout, 'fr-FR', 'a failed request changes nothing');
  await platform.json('PUT', '/api/hid/settings', { layout: 'en-US' });
});
