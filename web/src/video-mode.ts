// Which video transport the page starts with: `?video=` in the address (for links and tests),
// else the user's last choice (localStorage), else H.264 where WebCodecs works (a secure context
// with VideoDecoder), else WebRTC (plain-http pages), else MJPEG. A mode the browser cannot play is never chosen.

export const VIDEO_MODE_KEY = 'cubekvm.videoMode';

export function chooseVideoMode(supported: ReadonlySet<string>, query: string | null, stored: string | null): string {
  for (const candidate of [query, stored]) {
    if (candidate && supported.has(candidate)) return candidate;
  }
  if (supported.has('h264')) return 'h264';
  return supported.has('webrtc') ? 'webrtc' : 'mjpeg';
}

export function storedVideoMode(): string | null {
  try {
    return localStorage.getItem(VIDEO_MODE_KEY);
  } catch {
    return null; // storage disabled
  }
}

export function storeVideoMode(mode: string): void {
  try {
    localStorage.setItem(VIDEO_MODE_KEY, mode);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}
