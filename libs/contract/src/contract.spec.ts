import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  COMMAND_NAMES,
  DURABLE_EVENT_NAMES,
  EPHEMERAL_EVENT_NAMES,
  FIELD_ACTIONS,
  isStreamName,
  Rooms,
  SERVER_EVENT_NAMES,
} from './index.js';

const ID = '00000000-0000-4000-8000-00000000000a';

describe('contract', () => {
  it('names each command and event once; an event is either durable or ephemeral', () => {
    expect(new Set(COMMAND_NAMES).size).toBe(COMMAND_NAMES.length);
    expect(new Set(SERVER_EVENT_NAMES).size).toBe(SERVER_EVENT_NAMES.length);
    expect(SERVER_EVENT_NAMES).toEqual([...DURABLE_EVENT_NAMES, ...EPHEMERAL_EVENT_NAMES]);
    expect(FIELD_ACTIONS.filter((c) => !(COMMAND_NAMES as readonly string[]).includes(c))).toEqual([]);
  });

  it('user and site rooms are streams, role rooms are not', () => {
    expect([Rooms.user(ID), Rooms.siteStaff(ID), Rooms.siteGuards(ID)].every(isStreamName)).toBe(true);
    expect(isStreamName(Rooms.role('admin'))).toBe(false);
  });

  it('imports nothing outside itself and declares no runtime dependency', () => {
    const dir = join(process.cwd(), 'libs/contract');
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pkg.dependencies ?? {}).toEqual({});
    const sources = readdirSync(join(dir, 'src')).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'));
    const imported = sources.flatMap((f) =>
      [...readFileSync(join(dir, 'src', f), 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]),
    );
    expect(imported.filter((from) => !from.startsWith('./'))).toEqual([]);
  });
});
