/** The logged-in user's tokens (POST /auth/login, /auth/refresh, /auth/logout), kept for the tab. */
export interface LoginUser {
  id: string;
  name: string;
  role: string;
  email?: string;
}
interface Tokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
  lifetimeMs: number;
  user: LoginUser;
}

const KEY = 'patrolshield.console.session';
/**
 * Refresh this long before the access token expires: before the server's `session_expiring`
 * (60 s ahead by default), and at half-life for short-lived tokens.
 */
const refreshLeadMs = (t: Tokens) => Math.min(90_000, t.lifetimeMs / 2);

export class AuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function postJson(path: string, body: unknown): Promise<Response> {
  return fetch(`/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function failure(res: Response): Promise<AuthError> {
  const body = (await res.json().catch(() => ({}))) as { code?: string; message?: string };
  return new AuthError(body.code ?? `HTTP_${res.status}`, body.message ?? res.statusText);
}

export class Auth {
  private tokens: Tokens | null = null;
  private refreshing?: Promise<string>;

  constructor(private readonly storage: Storage = sessionStorage) {
    const saved = storage.getItem(KEY);
    if (saved) this.tokens = JSON.parse(saved) as Tokens;
  }

  get user(): LoginUser | null {
    return this.tokens?.user ?? null;
  }

  async login(email: string, password: string): Promise<LoginUser> {
    const res = await postJson('/auth/login', { email, password });
    if (!res.ok) throw await failure(res);
    this.keep((await res.json()) as Omit<Tokens, 'expiresAt' | 'lifetimeMs'> & { expiresIn: number });
    return this.tokens!.user;
  }

  /** A valid access token, refreshed first when it is about to expire (one refresh at a time). */
  async accessToken(): Promise<string> {
    const t = this.tokens;
    if (!t) throw new AuthError('AUTH_REQUIRED', 'Not logged in');
    if (t.expiresAt - Date.now() > refreshLeadMs(t)) return t.accessToken;
    return (this.refreshing ??= this.refresh().finally(() => (this.refreshing = undefined)));
  }

  /** Rotates the refresh token; a refused refresh ends the session (log in again). */
  async refresh(): Promise<string> {
    const t = this.tokens;
    if (!t) throw new AuthError('AUTH_REQUIRED', 'Not logged in');
    const res = await postJson('/auth/refresh', { refreshToken: t.refreshToken });
    if (!res.ok) {
      const err = await failure(res);
      if (res.status === 401 || res.status === 400) this.forget();
      throw err;
    }
    this.keep((await res.json()) as Omit<Tokens, 'expiresAt' | 'lifetimeMs'> & { expiresIn: number });
    return this.tokens!.accessToken;
  }

  async logout(): Promise<void> {
    const t = this.tokens;
    this.forget();
    if (t) await postJson('/auth/logout', { refreshToken: t.refreshToken }).catch(() => undefined);
  }

  private keep(body: Omit<Tokens, 'expiresAt' | 'lifetimeMs'> & { expiresIn: number }): void {
    this.tokens = {
      accessToken: body.accessToken,
      refreshToken: body.refreshToken,
      expiresAt: Date.now() + body.expiresIn * 1000,
      lifetimeMs: body.expiresIn * 1000,
      user: body.user,
    };
    this.storage.setItem(KEY, JSON.stringify(this.tokens));
  }

  private forget(): void {
    this.tokens = null;
    this.storage.removeItem(KEY);
  }
}
