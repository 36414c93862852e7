// Where the login page may send the browser afterwards: only a path of this site (no open redirect).

/**
 * The same-origin path that {@code next} names, or {@code '/'}. {@code next} is parsed as a URL
 * against this page's origin, exactly as the browser will resolve it, so {@code //host},
 * {@code /\host}, {@code /\t/host} and schemes ({@code javascript:}, {@code https:}) all resolve
 * to another origin or scheme and are refused. The raw value must also start with a single
 * {@code /} (no relative paths) and carry no backslash or control characters.
 */
export function safeNextPath(next: string | null, origin: string): string {
  if (!next || next.length > 2048 || !next.startsWith('/') || next.startsWith('//')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\\\u0000-\u001f\u007f]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return '/';
  }
  if (url.origin !== origin || (url.protocol !== 'http:' && url.protocol !== 'https:')) return '/';
  return url.pathname + url.search + url.hash;
}
