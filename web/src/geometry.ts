// Where the picture is inside its element: object-fit: contain letterboxes it.

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The rectangle the video occupies inside {@code box} when scaled to fit, centred. */
export function letterbox(box: Rect, videoWidth: number, videoHeight: number): Rect {
  if (videoWidth <= 0 || videoHeight <= 0 || box.width <= 0 || box.height <= 0) return box;
  const scale = Math.min(box.width / videoWidth, box.height / videoHeight);
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  return { left: box.left + (box.width - width) / 2, top: box.top + (box.height - height) / 2, width, height };
}

/** A client point as fractions 0..1 of the picture (clamped), or null when it is outside. */
export function toVideoFraction(picture: Rect, clientX: number, clientY: number): { x: number; y: number; inside: boolean } {
  const x = (clientX - picture.left) / picture.width;
  const y = (clientY - picture.top) / picture.height;
  const inside = x >= 0 && x <= 1 && y >= 0 && y <= 1;
  return { x: Math.max(0, Math.min(1, x)), y: Math.max(0, Math.min(1, y)), inside };
}
