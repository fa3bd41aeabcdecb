import 'leaflet/dist/leaflet.css';
import './ui/console.css';
import { render } from 'preact';
import { App } from './ui/App.js';
import type { ConsoleSettings } from './ui/context.js';

// crypto.randomUUID exists only in secure contexts (https, localhost); the SDK needs it for the
// clientEventId of every command, so plain-http deployments get one built on getRandomValues.
if (typeof crypto.randomUUID !== 'function')
  Object.defineProperty(crypto, 'randomUUID', {
    value: () => {
      const b = crypto.getRandomValues(new Uint8Array(16));
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  });

const settings = (await (await fetch('/api/v1/console/config')).json()) as ConsoleSettings;
render(<App settings={settings} />, document.getElementById('app')!);
