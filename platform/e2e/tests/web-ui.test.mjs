// Issue 18: every page at 390×844 (touch, mobile) and 1920×1080 — setup, login, KVM (with its menu,
// settings, keyboard, paste, help, media, power and Wake-on-LAN dialogs), account, console:
// axe-core finds no serious or critical violation, no control overflows the viewport or overlaps
// another, screenshots go to test-artifacts/; on the KVM page the settings panel, the on-screen
// keyboard, touch/mouse pointer, the screenshot button and the help overlay work end to end.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { ADMIN, ADMIN_PASSWORD, Platform, artifacts, waitFor } from '../lib/harness.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const chromiumPath = process.env.CUBEKVM_CHROMIUM ?? '/usr/bin/chromium';

const SIZES = [
  { name: 'phone', viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true },
  { name: 'desktop', viewport: { width: 1920, height: 1080 }, hasTouch: false, isMobile: false },
];

let platform;
let browser;

before(async () => {
  platform = await Platform.start('web-ui', { setup: false });
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await platform?.stop();
});

async function newPage(size, colorScheme = 'light') {
  const context = await browser.newContext({
    colorScheme,
    viewport: size.viewport, hasTouch: size.hasTouch, isMobile: size.isMobile,
    deviceScaleFactor: 1, bypassCSP: true, acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.log(`page error (${size.name}): ${e.message}`));
  return { context, page };
}

/** axe-core in the page: serious and critical violations only. */
async function axeViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

/**
 * Bounding boxes of the visible controls: each inside the viewport horizontally (and vertically
 * when {@code fixedHeight}: the KVM page does not scroll), and no two overlapping.
 */
async function layoutProblems(page, fixedHeight) {
  return page.evaluate((fixed) => {
    const selector = 'button, a[href], input, select, textarea, .led';
    const visible = [...document.querySelectorAll(selector)].filter((e) => {
      const r = e.getBoundingClientRect();
      const style = getComputedStyle(e);
      return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && !e.closest('dialog:not([open])');
    });
    const problems = [];
    const name = (e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.dataset.code ? '[' + e.dataset.code + ']' : ''} "${(e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 20)}"`;
    const W = document.documentElement.clientWidth;
    const H = window.innerHeight;
    for (const e of visible) {
      const r = e.getBoundingClientRect();
      if (r.left < -0.5 || r.right > W + 0.5) problems.push(`${name(e)} overflows horizontally (${Math.round(r.left)}..${Math.round(r.right)} of ${W})`);
      if (fixed && (r.top < -0.5 || r.bottom > H + 0.5)) problems.push(`${name(e)} overflows vertically (${Math.round(r.top)}..${Math.round(r.bottom)} of ${H})`);
    }
    for (let i = 0; i < visible.length; i++) {
      for (let j = i + 1; j < visible.length; j++) {
        const a = visible[i];
        const b = visible[j];
        if (a.contains(b) || b.contains(a)) continue;
        const p = a.getBoundingClientRect();
        const q = b.getBoundingClientRect();
        const overlapX = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const overlapY = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (overlapX > 1 && overlapY > 1) problems.push(`${name(a)} overlaps ${name(b)}`);
      }
    }
    return problems;
  }, fixedHeight);
}

async function checkPage(page, label, size, { fixedHeight = false } = {}) {
  await page.screenshot({ path: join(artifacts, `web-${label}-${size.name}.png`), fullPage: !fixedHeight });
  assert.deepEqual(await layoutProblems(page, fixedHeight), [], `${label} at ${size.name}: layout`);
  assert.deepEqual(await axeViolations(page), [], `${label} at ${size.name}: axe-core`);
}

test('the setup page at both sizes', async () => {
  for (const size of SIZES) {
    const { context, page } = await newPage(size);
    await page.goto(`${platform.origin}/login.html`);
    await page.waitForSelector('body[data-ready="setup"]');
    assert.ok(await page.getByLabel('Setup code').isVisible());
    await checkPage(page, 'setup', size);
    await context.close();
  }
  // Dark, as the system asks: the tokens switch and the contrast still passes.
  const { context, page } = await newPage(SIZES[0], 'dark');
  await page.goto(`${platform.origin}/login.html`);
  await page.waitForSelector('body[data-ready="setup"]');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), 'rgb(16, 18, 20)', 'the dark background');
  await checkPage(page, 'setup-dark', SIZES[0]);
  await context.close();
  await platform.setUpAdmin();
  await waitFor('/api/virtual/state', async () => (await platform.request('GET', '/api/virtual/state')).status === 200, 30_000, 200);
  await waitFor('the virtual machine as HID sink', async () => (await platform.json('GET', '/api/hid/status')).online, 30_000, 200);
});

/** The picture's rectangle in the canvas, computed here independently of the page. */
async function pictureRect(page) {
  const { box, width, height } = await page.evaluate(() => {
    const canvas = document.querySelector('#screen canvas.video-surface');
    const r = canvas.getBoundingClientRect();
    return { box: { x: r.x, y: r.y, w: r.width, h: r.height }, width: canvas.width, height: canvas.height };
  });
  const scale = Math.min(box.w / width, box.h / height);
  return { x: box.x + (box.w - width * scale) / 2, y: box.y + (box.h - height * scale) / 2, w: width * scale, h: height * scale };
}

/** Opens a toolbar control: through the "Menu" button when the toolbar is folded. */
async function toolbar(page, name) {
  const menu = page.getByRole('button', { name: 'Menu', exact: true });
  if (await menu.isVisible()) {
    if ((await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  }
  await page.getByRole('button', { name, exact: true }).click();
}

for (const size of SIZES) {
  test(`log in, settings, on-screen keyboard, pointer, screenshot, help, account at ${size.name}`, async () => {
    const { context, page } = await newPage(size);
    const sentMouse = [];
    const sentWheel = [];
    page.on('websocket', (ws) => {
      if (!ws.url().endsWith('/api/hid')) return;
      ws.on('framesent', (f) => {
        if (typeof f.payload !== 'string' && f.payload[0] === 0x02 && f.payload.length === 7) {
        sentMouse.push(f.payload[1]);
        sentWheel.push(f.payload.readInt8(6));
      }
      });
    });
    try {
      // Log in through the form, by the fields' accessible names.
      await page.goto(`${platform.origin}/login.html?next=${encodeURIComponent('/?video=mjpeg')}`);
      await page.waitForSelector('body[data-ready="login"]');
      await checkPage(page, 'login', size);
      await page.getByRole('textbox', { name: 'User name', exact: true }).fill(ADMIN);
      await page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADMIN_PASSWORD);
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(/\/\?video=mjpeg$/);
      await page.waitForFunction(() => Number(document.getElementById('screen').dataset.frames ?? 0) >= 3, null, { timeout: 30_000 });
      await page.waitForFunction(() => document.getElementById('conn').dataset.state === 'playing');
      await checkPage(page, 'kvm', size, { fixedHeight: true });
      const narrow = await page.getByRole('button', { name: 'Menu', exact: true }).isVisible();
      assert.equal(narrow, size.viewport.width < 1440, 'the toolbar folds into "Menu" on narrow screens only');
      const toolbarHeight = await page.evaluate(() => document.querySelector('header.kvm-toolbar').getBoundingClientRect().height);
      assert.ok(toolbarHeight <= (narrow ? 90 : 56), `the toolbar is compact (${toolbarHeight} px high)`);
      if (narrow) {
        await page.getByRole('button', { name: 'Menu', exact: true }).click();
        await checkPage(page, 'kvm-menu', size, { fixedHeight: true });
        await page.keyboard.press('Escape');
        assert.equal(await page.locator('#toolbar-items').isVisible(), false, 'Esc closes the menu');
      }

      // Settings: the frame rate; the status line follows (target and measured).
      const before = await platform.json('GET', '/api/video/settings');
      await toolbar(page, 'Settings');
      const fps = page.getByLabel('Frame rate (fps)');
      await waitFor('the settings loaded', async () => (await fps.inputValue()) === String(before.fps));
      await checkPage(page, 'settings', size, { fixedHeight: false });
      // The target's layout is a device setting; the on-screen keyboard is labelled for it.
      const layoutField = page.getByLabel('Target keyboard layout');
      await layoutField.selectOption('de-DE');
      await waitFor('layout saved', async () => (await platform.json('GET', '/api/hid/settings')).layout === 'de-DE');
      await page.waitForFunction(() => document.querySelector('#osk [data-code="KeyY"]').textContent === 'z');
      await layoutField.selectOption('en-US');
      await waitFor('layout restored', async () => (await platform.json('GET', '/api/hid/settings')).layout === 'en-US');
      await page.waitForFunction(() => document.querySelector('#osk [data-code="KeyY"]').textContent === 'y');
      await fps.fill('4');
      await fps.press('Tab');
      await waitFor('fps saved', async () => (await platform.json('GET', '/api/video/settings')).fps === 4);
      await page.getByRole('button', { name: 'Done' }).click();
      await page.waitForFunction(() => document.getElementById('status-target-fps').textContent === 'max 4 fps');
      await page.waitForFunction(() => {
        const measured = Number.parseInt(document.getElementById('status-fps').textContent, 10);
        return measured >= 1 && measured <= 5;
      }, null, { timeout: 20_000 });
      await platform.json('PUT', '/api/video/settings', { fps: before.fps });

      // The on-screen keyboard: Shift (sticky) + h, then e l l o.
      const typedBefore = (await platform.json('GET', '/api/virtual/state')).typed;
      await toolbar(page, 'Keyboard');
      await page.locator('#osk').waitFor();
      await checkPage(page, 'kvm-keyboard', size, { fixedHeight: true });
      const press = async (code) => {
        const key = page.locator(`#osk [data-code="${code}"]`);
        if (size.hasTouch) await key.tap(); else await key.click();
      };
      await press('ShiftLeft');
      assert.equal(await page.locator('#osk [data-code="ShiftLeft"]').getAttribute('aria-pressed'), 'true');
      for (const code of ['KeyH', 'KeyE', 'KeyL', 'KeyL', 'KeyO']) await press(code);
      await waitFor('"Hello" typed on the target', async () => (await platform.json('GET', '/api/virtual/state')).typed.slice(typedBefore.length) === 'Hello');
      assert.equal(await page.locator('#osk [data-code="ShiftLeft"]').getAttribute('aria-pressed'), 'false', 'Shift unlatches after a key');
      await toolbar(page, 'Keyboard');

      // Tap (or click) = click at that point; drag = move the pointer there.
      const pic = await pictureRect(page);
      const at = (fx, fy) => ({ x: pic.x + pic.w * fx, y: pic.y + pic.h * fy });
      const tapPoint = at(0.3, 0.4);
      const pressesBefore = sentMouse.filter((b) => b === 1).length;
      if (size.hasTouch) await page.touchscreen.tap(tapPoint.x, tapPoint.y);
      else await page.mouse.click(tapPoint.x, tapPoint.y);
      await waitFor('a left press and release sent', async () => sentMouse.filter((b) => b === 1).length > pressesBefore && sentMouse.at(-1) === 0);
      await waitFor('pointer at the tap', async () => {
        const p = (await platform.json('GET', '/api/virtual/state')).pointer;
        return Math.abs(p.x - 0.3) <= 0.02 && Math.abs(p.y - 0.4) <= 0.02;
      });
      const from = at(0.3, 0.4);
      const to = at(0.7, 0.6);
      const pressesBeforeDrag = sentMouse.filter((b) => b !== 0).length;
      if (size.hasTouch) {
        const cdp = await context.newCDPSession(page);
        const touch = (type, p) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y, id: 1 }] : [] });
        await touch('touchStart', from);
        for (let i = 1; i <= 10; i++) await touch('touchMove', { x: from.x + ((to.x - from.x) * i) / 10, y: from.y + ((to.y - from.y) * i) / 10 });
        await touch('touchEnd');
        await cdp.detach();
      } else {
        await page.mouse.move(from.x, from.y);
        await page.mouse.move(to.x, to.y, { steps: 10 });
      }
      await waitFor('pointer at the end of the drag', async () => {
        const p = (await platform.json('GET', '/api/virtual/state')).pointer;
        return Math.abs(p.x - 0.7) <= 0.02 && Math.abs(p.y - 0.6) <= 0.02;
      });
      assert.equal(sentMouse.filter((b) => b !== 0).length, pressesBeforeDrag, 'a drag moves without pressing a button');

      if (size.hasTouch) {
        // Long press = right click; two fingers up = scroll; pinch = zoom the picture.
        const cdp = await context.newCDPSession(page);
        const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points });
        const p0 = at(0.5, 0.5);
        await touch('touchStart', [{ x: p0.x, y: p0.y, id: 1 }]);
        await waitFor('a right click from the long press', async () => sentMouse.includes(2));
        await touch('touchEnd', []);
        const a0 = at(0.45, 0.7);
        const b0 = at(0.55, 0.7);
        await touch('touchStart', [{ x: a0.x, y: a0.y, id: 1 }, { x: b0.x, y: b0.y, id: 2 }]);
        for (let i = 1; i <= 10; i++) {
          await touch('touchMove', [{ x: a0.x, y: a0.y - i * 12, id: 1 }, { x: b0.x, y: b0.y - i * 12, id: 2 }]);
        }
        await touch('touchEnd', []);
        assert.ok(sentWheel.some((w) => w < 0), 'two fingers up scroll (wheel reports sent)');
        const c = at(0.5, 0.5);
        await touch('touchStart', [{ x: c.x - 20, y: c.y, id: 1 }, { x: c.x + 20, y: c.y, id: 2 }]);
        for (let i = 1; i <= 10; i++) await touch('touchMove', [{ x: c.x - 20 - i * 8, y: c.y, id: 1 }, { x: c.x + 20 + i * 8, y: c.y, id: 2 }]);
        await touch('touchEnd', []);
        const zoom = Number(await page.locator('#screen').getAttribute('data-zoom'));
        assert.ok(zoom > 1.5, `pinching out zooms the picture (${zoom})`);
        await page.screenshot({ path: join(artifacts, 'web-kvm-zoomed-phone.png') });
        await cdp.detach();
      }

      // Screenshot: a file with a JPEG or PNG of the picture.
      const menuButton = page.getByRole('button', { name: 'Menu', exact: true });
      if (await menuButton.isVisible()) await menuButton.click();
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Screenshot' }).click()]);
      const file = join(artifacts, `web-screenshot-${size.name}-${download.suggestedFilename()}`);
      await download.saveAs(file);
      const bytes = readFileSync(file);
      const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes.at(-2) === 0xff && bytes.at(-1) === 0xd9;
      const png = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      assert.ok(jpeg || png, `the screenshot is a JPEG or PNG (${bytes.length} bytes)`);
      const decoded = await page.evaluate(async (b64) => {
        const blob = await (await fetch(`data:image/*;base64,${b64}`)).blob();
        const bitmap = await createImageBitmap(blob);
        return { width: bitmap.width, height: bitmap.height };
      }, bytes.toString('base64'));
      const shown = await page.evaluate(() => { const c = document.querySelector('#screen canvas'); return { width: c.width, height: c.height }; });
      assert.deepEqual(decoded, shown, 'the screenshot decodes to the picture\'s size');

      // Paste dialog: the text can come from the browser's clipboard.
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.origin });
      await page.evaluate(() => navigator.clipboard.writeText('from the clipboard'));
      await toolbar(page, 'Paste…');
      await page.getByRole('button', { name: 'From clipboard' }).click();
      await page.waitForFunction(() => document.getElementById('paste-text').value === 'from the clipboard');
      await checkPage(page, 'paste', size, { fixedHeight: false });
      await page.getByRole('button', { name: 'Close' }).click();
      await page.waitForFunction(() => !document.getElementById('paste-dialog').open);

      // Media dialog (with its USB section open), power dialog and Wake-on-LAN dialog: the design
      // system's dialogs and forms, checked like every page.
      await toolbar(page, 'Media…');
      const media = page.getByRole('dialog', { name: 'Virtual media' });
      await media.waitFor();
      await page.waitForFunction(() => document.getElementById('media-mounted').textContent !== '');
      await page.locator('#usb-settings summary').click();
      await page.waitForFunction(() => document.getElementById('usb-note').textContent !== '');
      await checkPage(page, 'media', size, { fixedHeight: false });
      await page.locator('#media-close').click();
      await media.waitFor({ state: 'hidden' });
      await toolbar(page, 'Power…');
      const power = page.getByRole('dialog', { name: 'Power' });
      await power.waitFor();
      await page.waitForFunction(() => document.getElementById('oled-preview').naturalWidth === 128);
      await checkPage(page, 'power', size, { fixedHeight: false });
      await page.locator('#power-wol').click();
      const wol = page.getByRole('dialog', { name: 'Wake-on-LAN' });
      await wol.waitFor();
      assert.ok(await page.getByLabel('MAC address').isVisible(), 'the Wake-on-LAN fields are labelled');
      await checkPage(page, 'wol', size, { fixedHeight: false });
      await page.locator('#wol-close').click();
      await wol.waitFor({ state: 'hidden' });

      // Help overlay: opens, lists the shortcuts, Esc closes it.
      await toolbar(page, 'Help');
      const help = page.getByRole('dialog', { name: 'Help' });
      await help.waitFor();
      assert.match(await help.textContent(), /Long press/);
      await checkPage(page, 'help', size, { fixedHeight: false });
      await page.keyboard.press('Escape');
      await help.waitFor({ state: 'hidden' });

      // Keyboard only: the toolbar's controls are reached with Tab and show a focus ring.
      await page.locator('#screen').focus();
      await page.keyboard.press('Control+Alt+Shift+KeyM');
      const focused = await page.evaluate(() => {
        const e = document.activeElement;
        const style = getComputedStyle(e);
        return { id: e.id, outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
      });
      assert.ok(focused.id !== 'screen' && focused.outline, `Ctrl+Alt+Shift+M leaves the picture for a control with a visible focus ring (${JSON.stringify(focused)})`);
      await page.keyboard.press('Tab');
      assert.notEqual(await page.evaluate(() => document.activeElement.id), focused.id, 'Tab moves on from there');
      if (size.viewport.width < 1440) {
        assert.equal(focused.id, 'btn-menu');
        await page.getByRole('button', { name: 'Menu', exact: true }).focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.getElementById('toolbar-items').contains(document.activeElement));
        await page.keyboard.press('Escape');
        await page.waitForFunction(() => document.activeElement.id === 'btn-menu' && !document.getElementById('toolbar-items').classList.contains('open'));
      }

      // Account page.
      await page.goto(`${platform.origin}/account.html`);
      await page.waitForSelector('#users tr');
      await checkPage(page, 'account', size);

      // Console page (admin): health, bundles, configuration, trusted signers.
      await page.goto(`${platform.origin}/console.html`);
      await page.waitForSelector('#console-body:not([hidden])');
      await page.waitForSelector('#health tr');
      await page.waitForSelector('#bundles tr');
      await checkPage(page, 'console', size);
    } finally {
      await page.screenshot({ path: join(artifacts, `web-final-${size.name}.png`) }).catch(() => {});
      await context.close();
    }
  });
}

test('an operator sees the admin-only settings disabled with the reason', async () => {
  await platform.json('POST', '/api/users', { username: 'web-operator', password: 'operator-password', role: 'operator' });
  const cookie = await platform.login('web-operator', 'operator-password');
  const { context, page } = await newPage(SIZES[1]);
  try {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: platform.origin, httpOnly: true, sameSite: 'Strict' }]);
    await page.goto(`${platform.origin}/?video=mjpeg`);
    await toolbar(page, 'Settings');
    const reason = page.locator('#settings-role');
    await reason.waitFor();
    assert.match(await reason.textContent(), /Only an admin can change .* \(you are operator\)/);
    for (const label of ['Frame rate (fps)', 'MJPEG quality', 'H.264 bit rate (kbit/s)', 'Mouse jiggler', 'Target keyboard layout']) {
      assert.equal(await page.getByLabel(label).isDisabled(), true, `${label} is disabled for an operator`);
    }
    assert.equal(await page.getByLabel('Mouse mode').isDisabled(), false, 'the mouse mode stays the operator\'s choice');
    assert.equal(await page.getByLabel('Scroll speed').isDisabled(), false);
    assert.deepEqual(await axeViolations(page), [], 'settings as operator: axe-core');
  } finally {
    await context.close();
  }
});
