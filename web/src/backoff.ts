// The reconnect back-off every stream client uses (MJPEG reader, H.264 worker, HID socket): the
// first retry after 500 ms, each further failure doubles the wait up to 5 s, and a connection
// that delivers (a frame, an open socket) starts again at 500 ms. No DOM: the H.264 worker uses it.

export const FIRST_RETRY_MS = 500;
export const MAX_RETRY_MS = 5000;

export class Backoff {
  private delayMs = FIRST_RETRY_MS;
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** The wait before the next attempt; the one after it is twice as long, at most MAX_RETRY_MS. */
  next(): number {
    const delay = this.delayMs;
    this.delayMs = Math.min(delay * 2, MAX_RETRY_MS);
    return delay;
  }

  /** Runs `attempt` after the next wait (a pending attempt is replaced). */
  schedule(attempt: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(attempt, this.next());
  }

  /** Drops a pending attempt. */
  cancel(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** The connection delivered: the next failure waits FIRST_RETRY_MS again. */
  reset(): void {
    this.delayMs = FIRST_RETRY_MS;
  }
}
