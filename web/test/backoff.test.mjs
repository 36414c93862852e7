// The reconnect back-off shared by the MJPEG reader, the H.264 worker and the HID socket.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Backoff, FIRST_RETRY_MS, MAX_RETRY_MS } from '../dist/js/backoff.js';

test('the wait doubles from 500 ms and stays at 5 s', () => {
  const backoff = new Backoff();
  const waits = Array.from({ length: 7 }, () => backoff.next());
  assert.deepEqual(waits, [500, 1000, 2000, 4000, 5000, 5000, 5000]);
  assert.equal(FIRST_RETRY_MS, 500);
  assert.equal(MAX_RETRY_MS, 5000);
});

test('a connection that delivered starts again at 500 ms', () => {
  const backoff = new Backoff();
  backoff.next();
  backoff.next();
  backoff.reset();
  assert.equal(backoff.next(), 500);
});

test('a cancelled attempt never runs, a scheduled one does', async () => {
  const backoff = new Backoff();
  let cancelledRan = false;
  backoff.schedule(() => { cancelledRan = true; });
  backoff.cancel();
  await new Promise((resolve) => backoff.schedule(resolve));
  assert.equal(cancelledRan, false, 'the cancelled attempt was due before the second one');
});
