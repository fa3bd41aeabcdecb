import type { Auth } from './auth.js';

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The REST back-office (/api/v1) with the user's token; a 401 refreshes the token once. */
export class Rest {
  constructor(private readonly auth: Auth) {}

  get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    const params = Object.entries(query).filter(([, v]) => v !== undefined) as [string, string][];
    const qs = params.length ? `?${new URLSearchParams(params.map(([k, v]) => [k, String(v)]))}` : '';
    return this.request<T>('GET', `${path}${qs}`);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  private async request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
    const token = await this.auth.accessToken();
    const res = await fetch(`/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (res.status === 401 && !retried) {
      await this.auth.refresh();
      return this.request<T>(method, path, body, true);
    }
    const json = (await res.json().catch(() => null)) as (T & { code?: string; message?: string }) | null;
    if (!res.ok)
      throw new RestError(res.status, json?.code ?? `HTTP_${res.status}`, json?.message ?? res.statusText);
    return json as T;
  }
}
