import { useState } from 'preact/hooks';
import { errorText } from './context.js';

/** Email and password; `onLogin` throws to show why it failed. */
export function Login(props: {
  onLogin: (email: string, password: string) => Promise<void>;
  notice: string | null;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await props.onLogin(email, password);
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  return (
    <main class="login">
      <form class="login-card" onSubmit={(e) => void submit(e)} aria-label="Log in">
        <h1>PatrolShield</h1>
        <p class="muted">Operations console</p>
        <label for="login-email">Email</label>
        <input
          id="login-email"
          data-testid="login-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
        <label for="login-password">Password</label>
        <input
          id="login-password"
          data-testid="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <button type="submit" data-testid="login-submit" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
        {(error ?? props.notice) && (
          <p class="error" role="alert" data-testid="login-error">
            {error ?? props.notice}
          </p>
        )}
      </form>
    </main>
  );
}
