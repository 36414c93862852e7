// JSON requests in the docs/api.md shape: errors are {"error","message"}.

export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, headers: { Accept: 'application/json' }, cache: 'no-store' };
  if (body !== undefined) {
    init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 204) return undefined as T;
  let parsed: unknown = null;
  try {
    parsed = await response.json();
  } catch {
    // no JSON body
  }
  if (!response.ok) {
    const error = (parsed ?? {}) as { error?: string; message?: string };
    throw new ApiError(response.status, error.error ?? 'http_' + response.status, error.message ?? `HTTP ${response.status}`);
  }
  return parsed as T;
}
