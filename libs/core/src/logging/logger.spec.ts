import { Writable } from 'node:stream';
import { pino } from 'pino';
import { logFormatFor, PinoNestLogger } from './logger.js';

describe('LOG_FORMAT', () => {
  it('follows the setting, else pretty only for a terminal in development', () => {
    expect(logFormatFor('json', 'development', true)).toBe('json');
    expect(logFormatFor('pretty', 'production', false)).toBe('pretty');
    expect(logFormatFor(undefined, 'development', true)).toBe('pretty');
    expect(logFormatFor(undefined, 'development', false)).toBe('json');
    expect(logFormatFor(undefined, 'production', true)).toBe('json');
  });
});

describe("Nest's boot lines", () => {
  it('fold route mapping and module loading into debug level, keep the rest at info', () => {
    const lines: { level: number; msg: string }[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
        done();
      },
    });
    const nest = new PinoNestLogger(pino({ level: 'info' }, sink));
    nest.log('Mapped {/api/v1/users, GET} route', 'RouterExplorer');
    nest.log('UsersController {/api/v1/users}:', 'RoutesResolver');
    nest.log('CoreModule dependencies initialized', 'InstanceLoader');
    nest.log('something worth knowing', 'SomeService');
    expect(lines.map((l) => l.msg)).toEqual(['something worth knowing']);
  });
});
