import { useEffect, useMemo, useState } from 'preact/hooks';
import { Auth } from '../api/auth.js';
import { Rest } from '../api/rest.js';
import { Alarm } from '../live/alarm.js';
import { ConsoleActions } from '../live/console-actions.js';
import { LiveConsole } from '../live/live-console.js';
import { Store, useConsoleState } from '../state/store.js';
import { AlertPanel } from './AlertPanel.js';
import { Services, errorText, type ConsoleServices, type ConsoleSettings } from './context.js';
import { IncidentPanel } from './IncidentPanel.js';
import { LiveMap } from './LiveMap.js';
import { Login } from './Login.js';
import { MessagesPanel } from './MessagesPanel.js';
import { PanicPanel } from './PanicPanel.js';
import { RoundsPanel } from './RoundsPanel.js';
import { MissedBanner, TopBar } from './TopBar.js';

const STAFF_ROLES = ['supervisor', 'manager', 'admin'];

export function App({ settings }: { settings: ConsoleSettings }) {
  const services = useMemo<ConsoleServices & { auth: Auth; alarm: Alarm }>(() => {
    const store = new Store();
    const auth = new Auth();
    const live = new LiveConsole(store, auth, new Rest(auth));
    return {
      store,
      auth,
      live,
      settings,
      alarm: new Alarm(),
      actions: new ConsoleActions(() => live.client),
    };
  }, []);
  const { store, auth, live, alarm } = services;
  const state = useConsoleState(store);
  const [signedIn, setSignedIn] = useState(!!auth.user);
  live.onEnded = () => setSignedIn(false);

  const start = async () => {
    try {
      await live.start();
    } catch (e) {
      await live.stop(errorText(e));
      setSignedIn(false);
    }
  };
  useEffect(() => {
    // Tokens kept from before a reload: reconnect without asking again. Audio waits for a click.
    if (signedIn) void start();
    const unlock = () => alarm.unlock();
    document.addEventListener('pointerdown', unlock);
    return () => document.removeEventListener('pointerdown', unlock);
  }, []);

  const waiting = Object.values(state.panics).some((p) => p.status === 'RAISED');
  useEffect(() => alarm.set(signedIn && waiting), [signedIn, waiting]);

  const login = async (email: string, password: string) => {
    alarm.unlock(); // inside the click: browsers allow audio from here on
    const user = await auth.login(email, password);
    if (!STAFF_ROLES.includes(user.role)) {
      await auth.logout();
      throw new Error('The console is for supervisors, managers and admins.');
    }
    setSignedIn(true);
    void start();
  };
  const logout = () => {
    setSignedIn(false);
    void live.stop();
  };

  if (!signedIn) return <Login onLogin={login} notice={state.error} />;
  return (
    <Services.Provider value={services}>
      <div class={`console ${waiting ? 'alarm' : ''}`}>
        <TopBar state={state} onLogout={logout} />
        {waiting && (
          <div class="alarm-banner" role="alert" data-testid="panic-alarm">
            PANIC: acknowledge below
          </div>
        )}
        {state.missed && <MissedBanner missed={state.missed} />}
        {state.error && (
          <p class="error banner" role="alert">
            {state.error}
          </p>
        )}
        <div class="layout">
          <LiveMap state={state} />
          <aside class="side" aria-label="Operations">
            <PanicPanel state={state} />
            <IncidentPanel state={state} />
            <AlertPanel state={state} />
            <RoundsPanel state={state} />
            <MessagesPanel state={state} />
          </aside>
        </div>
      </div>
    </Services.Provider>
  );
}
