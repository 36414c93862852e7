// A raw client of WS /api/stream/h264 and an Annex-B checker written from docs/api.md and the H.264
// spec (Annex B, 7.3.1), independently of the page's code.
import WebSocket from 'ws';

/** [flags u8][timestampMicros u64 LE][Annex-B] → { key, ts, data, at } (at: performance.now() on receipt). */
export function parseMessage(buffer) {
  const b = Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer);
  if (b.length < 9) throw new Error(`a message of ${b.length} bytes is shorter than the 9-byte header`);
  return { flags: b[0], key: (b[0] & 1) === 1, ts: Number(b.readBigUInt64LE(1)), data: b.subarray(9), at: performance.now() };
}

/**
 * NAL units of an Annex-B access unit; throws naming the defect when it is not valid Annex-B:
 * no leading start code, an empty unit, forbidden_zero_bit set, a reserved/unspecified type.
 */
export function nalUnits(data) {
  const starts = [];
  for (let i = 0; i + 2 < data.length; i++) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      starts.push(i);
      i += 2;
    }
  }
  const leading = data.length >= 4 && data[0] === 0 && data[1] === 0 && (data[2] === 1 || (data[2] === 0 && data[3] === 1));
  if (!leading) throw new Error(`does not start with a start code: ${data.subarray(0, 8).toString('hex')}`);
  const units = [];
  for (let k = 0; k < starts.length; k++) {
    const begin = starts[k] + 3;
    let end = k + 1 < starts.length ? starts[k + 1] : data.length;
    if (k + 1 < starts.length) while (end > begin && data[end - 1] === 0) end--; // zero_byte of a 4-byte start code
    if (end <= begin) throw new Error(`empty NAL unit at byte ${begin}`);
    const header = data[begin];
    if (header & 0x80) throw new Error(`forbidden_zero_bit set at byte ${begin}`);
    const type = header & 0x1f;
    if (type < 1 || type > 23) throw new Error(`NAL type ${type} at byte ${begin} is reserved/unspecified`);
    units.push({ type, ref: (header >> 5) & 3, begin, end });
  }
  return units;
}

/** Throws unless the message is a valid access unit whose key flag agrees with its contents. */
export function checkAccessUnit(message) {
  const types = nalUnits(message.data).map((u) => u.type);
  if (message.key) {
    for (const t of [7, 8, 5]) if (!types.includes(t)) throw new Error(`key frame without NAL type ${t}: ${types}`);
    if (types.indexOf(7) > types.indexOf(5) || types.indexOf(8) > types.indexOf(5)) throw new Error(`SPS/PPS after the IDR: ${types}`);
  } else {
    if (types.includes(5)) throw new Error(`IDR slice in a message not flagged as key: ${types}`);
    if (!types.includes(1)) throw new Error(`delta frame without a slice: ${types}`);
  }
  return types;
}

/** A raw viewer: collects every message; waitFor(predicate) resolves with the first matching new message. */
export class H264Client {
  static async open(platform, { origin = platform.origin } = {}) {
    const client = new H264Client(new WebSocket(`ws://127.0.0.1:${platform.port}/api/stream/h264`, { origin, headers: platform.authHeaders() }));
    await new Promise((resolve, reject) => {
      client.socket.once('open', resolve);
      client.socket.once('error', reject);
      client.socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
    });
    client.openedAt = performance.now();
    return client;
  }

  constructor(socket) {
    this.socket = socket;
    this.messages = [];
    this.waiters = [];
    this.closed = null;
    socket.on('message', (data, isBinary) => {
      const message = isBinary ? parseMessage(data) : { text: data.toString(), at: performance.now() };
      message.index = this.messages.length;
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => !w(message));
    });
    socket.on('close', (code, reason) => (this.closed = `${code} ${reason}`));
  }

  /** The next message (from index `from` on) matching predicate, within timeoutMs. */
  next(predicate = () => true, { from = this.messages.length, timeoutMs = 20_000 } = {}) {
    const found = this.messages.slice(from).find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message within ${timeoutMs} ms (${this.messages.length} received, closed: ${this.closed})`)), timeoutMs);
      this.waiters.push((m) => {
        if (m.index < from || !predicate(m)) return false;
        clearTimeout(timer);
        resolve(m);
        return true;
      });
    });
  }

  send(bytes) {
    return new Promise((resolve, reject) => this.socket.send(Buffer.from(bytes), { binary: true }, (e) => (e ? reject(e) : resolve())));
  }

  close() {
    this.socket.close();
  }
}
