// Incremental parser of a multipart/x-mixed-replace stream (MJPEG): bytes in, parts out.
// Parts carry Content-Length (docs/api.md), so the body is cut by length; without it the parser
// looks for the next boundary.

export interface Part {
  headers: Map<string, string>;
  body: Uint8Array;
}

const CRLFCRLF = [13, 10, 13, 10];
const MAX_HEADER_BYTES = 8192;
const MAX_PART_BYTES = 32 * 1024 * 1024;

export class MultipartParser {
  private buffer = new Uint8Array(256 * 1024);
  private start = 0;
  private end = 0;
  private readonly delimiter: Uint8Array;

  constructor(boundary: string) {
    this.delimiter = new TextEncoder().encode('--' + boundary);
  }

  /** The boundary of a Content-Type such as {@code multipart/x-mixed-replace; boundary=frame}. */
  static boundaryOf(contentType: string | null): string | null {
    const match = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
    return match ? match[1]!.trim() : null;
  }

  /** Feeds bytes; returns the parts completed by them (usually zero or one). */
  push(chunk: Uint8Array): Part[] {
    this.append(chunk);
    const parts: Part[] = [];
    for (;;) {
      const part = this.next();
      if (!part) break;
      parts.push(part);
    }
    this.compact();
    return parts;
  }

  private append(chunk: Uint8Array): void {
    if (this.end + chunk.length > this.buffer.length) {
      const used = this.end - this.start;
      if (used + chunk.length > this.buffer.length) {
        const grown = new Uint8Array(Math.max(this.buffer.length * 2, used + chunk.length));
        grown.set(this.buffer.subarray(this.start, this.end));
        this.buffer = grown;
      } else {
        this.buffer.copyWithin(0, this.start, this.end);
      }
      this.end = used;
      this.start = 0;
    }
    this.buffer.set(chunk, this.end);
    this.end += chunk.length;
  }

  private compact(): void {
    if (this.start === this.end) {
      this.start = 0;
      this.end = 0;
    }
    if (this.end - this.start > MAX_PART_BYTES) throw new Error('MJPEG part larger than 32 MiB');
  }

  private next(): Part | null {
    const data = this.buffer;
    const boundaryAt = indexOf(data, this.delimiter, this.start, this.end);
    if (boundaryAt < 0) return null;
    const headersEnd = indexOf(data, CRLFCRLF, boundaryAt, this.end);
    if (headersEnd < 0) {
      if (this.end - boundaryAt > MAX_HEADER_BYTES) throw new Error('MJPEG part headers too long');
      return null;
    }
    const headerText = new TextDecoder().decode(data.subarray(boundaryAt + this.delimiter.length, headersEnd));
    const headers = new Map<string, string>();
    for (const line of headerText.split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const bodyStart = headersEnd + 4;
    const length = Number.parseInt(headers.get('content-length') ?? '', 10);
    let bodyEnd: number;
    if (Number.isFinite(length) && length >= 0) {
      if (this.end - bodyStart < length) return null;
      bodyEnd = bodyStart + length;
    } else {
      const nextBoundary = indexOf(data, this.delimiter, bodyStart, this.end);
      if (nextBoundary < 0) return null;
      bodyEnd = nextBoundary;
      while (bodyEnd > bodyStart && (data[bodyEnd - 1] === 10 || data[bodyEnd - 1] === 13)) bodyEnd--;
    }
    const body = data.slice(bodyStart, bodyEnd);
    this.start = bodyEnd;
    return { headers, body };
  }
}

function indexOf(data: Uint8Array, needle: ArrayLike<number>, from: number, to: number): number {
  const first = needle[0]!;
  const last = to - needle.length;
  outer: for (let i = from; i <= last; i++) {
    if (data[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) {
      if (data[i + j] !== needle[j]) continue outer;
    }
    return i;
  }
  return -1;
}
