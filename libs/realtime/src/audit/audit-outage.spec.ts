import { createRootLogger, loadConfig, RuntimeMetrics, setRootLogger } from '#core';
import type { DataSource } from 'typeorm';
import { AuditService } from './audit.service.js';

/** A database whose INSERTs fail with `failWith` while set; counts the rows it stored. */
function fakeDb() {
  const state = { stored: 0, statements: 0, failWith: null as Error | null };
  const db = {
    isInitialized: true,
    query: async (_sql: string, params: unknown[]) => {
      state.statements++;
      if (state.failWith) throw state.failWith;
      state.stored += params.length / 9;
      return [];
    },
  } as unknown as DataSource;
  return { db, state };
}

const refused53300 = Object.assign(new Error('too many connections for role "x"'), { code: '53300' });

setRootLogger(createRootLogger('silent')); // the outage's log lines are expected

describe('AuditService through an outage', () => {
  const metrics = new RuntimeMetrics();
  afterAll(() => metrics.onModuleDestroy());
  const service = (env: Record<string, string>) => {
    const { db, state } = fakeDb();
    return { audit: new AuditService(db, loadConfig(env), metrics), state };
  };
  const row = (i: number) => ({ event: `e${i}`, result: 'ok' as const });

  it('keeps the rows of an outage and writes them when the database is back', async () => {
    const { audit, state } = service({});
    state.failWith = refused53300;
    for (let i = 0; i < 1200; i++) audit.record(row(i));
    await audit.flush();
    expect(state.stored).toBe(0);
    state.failWith = null;
    await audit.flush();
    expect(state.stored).toBe(1200);
    expect(state.statements).toBe(1 + 3); // batches of 500 rows: one failed, then 500 + 500 + 200
  });

  it('holds AUDIT_BUFFER_MAX rows at most, dropping and counting the oldest', async () => {
    const { audit, state } = service({ AUDIT_BUFFER_MAX: '100' });
    state.failWith = refused53300;
    for (let i = 0; i < 250; i++) audit.record(row(i));
    await audit.flush();
    expect(metrics.snapshot()).toMatchObject({ audit: { buffered: 100, capacity: 100, dropped: 150 } });
    state.failWith = null;
    await audit.flush();
    expect(state.stored).toBe(100);
  });

  it('writes at most `max` rows per periodic flush (the write rate bound)', async () => {
    const { audit, state } = service({});
    for (let i = 0; i < 30; i++) audit.record(row(i));
    await audit.flush(10);
    expect(state.stored).toBe(10);
    await audit.flush();
    expect(state.stored).toBe(30);
  });
});
