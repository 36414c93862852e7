// The WS /api/stream/h264 wire format (docs/api.md, Video) and the bits of H.264 Annex-B the player
// needs. Pure functions, no DOM: used by the decoding worker and by the unit tests.
//
// server → client, one message per access unit: [flags u8][timestampMicros u64 LE][Annex-B]
//   flags bit0 = key frame (SPS + PPS + IDR in one message)
// client → server: [0x02][u64 LE ts] ack · [0x03] resync · [0x04][u8 visible]

export const FLAG_KEY = 0x01;
export const HEADER_BYTES = 9;
export const ACK = 0x02;
export const RESYNC = 0x03;
export const VISIBILITY = 0x04;

export const NAL_SLICE = 1;
export const NAL_IDR = 5;
export const NAL_SPS = 7;
export const NAL_PPS = 8;

export interface H264Message {
  key: boolean;
  /** capture time, microseconds since the Unix epoch (exact: < 2^53) */
  timestampMicros: number;
  /** the Annex-B access unit (a view into the message, not a copy) */
  data: Uint8Array;
}

/** Splits a server message; null when it is shorter than the header. */
export function parseMessage(message: ArrayBuffer | Uint8Array): H264Message | null {
  const bytes = message instanceof Uint8Array ? message : new Uint8Array(message);
  if (bytes.length < HEADER_BYTES) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const timestampMicros = view.getUint32(1, true) + view.getUint32(5, true) * 0x1_0000_0000;
  return { key: (bytes[0]! & FLAG_KEY) !== 0, timestampMicros, data: bytes.subarray(HEADER_BYTES) };
}

export interface NalUnit {
  type: number;
  /** first byte after the start code */
  offset: number;
  /** bytes up to the next start code (trailing zero bytes of the next 4-byte start code excluded) */
  length: number;
}

/**
 * The NAL units of an Annex-B byte stream (3- or 4-byte start codes). Bytes before the first
 * start code make it invalid; see {@link isValidAnnexB}.
 */
export function nalUnits(data: Uint8Array): NalUnit[] {
  const units: NalUnit[] = [];
  let start = -1;
  let i = 0;
  while (i + 2 < data.length) {
    if (data[i] === 0 && data[i + 1] === 0 && data[i + 2] === 1) {
      if (start >= 0) units.push(unit(data, start, trimZeros(data, start, i)));
      start = i + 3;
      i += 3;
    } else {
      i++;
    }
  }
  if (start >= 0) units.push(unit(data, start, data.length));
  return units;
}

function unit(data: Uint8Array, offset: number, end: number): NalUnit {
  return { type: offset < data.length ? data[offset]! & 0x1f : -1, offset, length: end - offset };
}

function trimZeros(data: Uint8Array, start: number, end: number): number {
  while (end > start && data[end - 1] === 0) end--;
  return end;
}

/** The NAL unit types in order, e.g. [7, 8, 5] for a key frame. */
export function nalTypes(data: Uint8Array): number[] {
  return nalUnits(data).map((n) => n.type);
}

/**
 * A well-formed access unit: starts with a start code, at least one NAL unit, none empty,
 * forbidden_zero_bit clear, a type in 1..23, and a key frame carries SPS, PPS and IDR.
 */
export function isValidAnnexB(data: Uint8Array, key?: boolean): boolean {
  const startsWithCode = (data.length >= 4 && data[0] === 0 && data[1] === 0 && data[2] === 0 && data[3] === 1)
    || (data.length >= 3 && data[0] === 0 && data[1] === 0 && data[2] === 1);
  if (!startsWithCode) return false;
  const units = nalUnits(data);
  if (units.length === 0) return false;
  for (const u of units) {
    if (u.length < 1 || (data[u.offset]! & 0x80) !== 0 || u.type < 1 || u.type > 23) return false;
  }
  if (key === true) {
    const types = units.map((u) => u.type);
    return types.includes(NAL_SPS) && types.includes(NAL_PPS) && types.includes(NAL_IDR);
  }
  return true;
}

/**
 * The WebCodecs codec string from the SPS's profile_idc, constraint flags and level_idc
 * ("avc1.42C01F" for Constrained Baseline 3.1); null when the access unit has no SPS.
 */
export function codecFromSps(data: Uint8Array): string | null {
  for (const u of nalUnits(data)) {
    if (u.type === NAL_SPS && u.length >= 4) {
      const hex = (b: number) => b.toString(16).toUpperCase().padStart(2, '0');
      return `avc1.${hex(data[u.offset + 1]!)}${hex(data[u.offset + 2]!)}${hex(data[u.offset + 3]!)}`;
    }
  }
  return null;
}

/** [0x02][u64 LE timestamp]: the frame with this capture time is on screen. */
export function ackMessage(timestampMicros: number): Uint8Array {
  const message = new Uint8Array(9);
  const view = new DataView(message.buffer);
  message[0] = ACK;
  view.setUint32(1, timestampMicros % 0x1_0000_0000, true);
  view.setUint32(5, Math.floor(timestampMicros / 0x1_0000_0000), true);
  return message;
}

export function resyncMessage(): Uint8Array {
  return Uint8Array.of(RESYNC);
}

export function visibilityMessage(visible: boolean): Uint8Array {
  return Uint8Array.of(VISIBILITY, visible ? 1 : 0);
}
