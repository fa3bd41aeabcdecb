import pg from 'pg';
import { DataSource, type QueryRunner } from 'typeorm';
import { installedVersion, versionWithin } from './installed-version.js';
import { setTransactionState } from './typeorm-transaction-state.js';

/**
 * Canary of the pipelined transaction (docs/fast-path.md): it runs node-postgres in pipeline mode,
 * corks the client's internal socket, and writes TypeORM's transaction state itself. If this fails
 * after an upgrade, re-read pipelined-transaction.ts, pg-one-write.ts and typeorm-transaction-state.ts
 * against the new library, run test/realtime/command-transactions.e2e-spec.ts, then widen the range.
 */
describe('canary: node-postgres and TypeORM under the pipelined transaction', () => {
  it('runs on the versions it was checked against', () => {
    expect(versionWithin(installedVersion('pg'), '8.23.0', '9.0.0')).toBe(true);
    expect(versionWithin(installedVersion('typeorm'), '1.1.0', '1.2.0')).toBe(true);
  });

  it('a node-postgres client takes the pipeline option and has a corkable socket stream', () => {
    const client = new pg.Client({ pipeline: true } as pg.ClientConfig);
    expect((client as unknown as { pipeline: boolean }).pipeline).toBe(true);
    const stream = client.connection.stream;
    expect([typeof stream.cork, typeof stream.uncork]).toEqual(['function', 'function']);
    expect(typeof client.getTransactionStatus).toBe('function');
  });

  describe("TypeORM's query runner", () => {
    let qr: QueryRunner;
    const state = () => {
      const s = qr as unknown as { isTransactionActive: boolean; transactionDepth: number };
      return { active: s.isTransactionActive, depth: s.transactionDepth };
    };
    beforeEach(() => {
      qr = new DataSource({ type: 'postgres' }).createQueryRunner();
      // no database: every statement TypeORM would send answers empty
      qr.query = (() => Promise.resolve([])) as unknown as QueryRunner['query'];
    });

    it('keeps its transaction state in the two fields setTransactionState writes, as its own methods do', async () => {
      expect(state()).toEqual({ active: false, depth: 0 });
      await qr.startTransaction();
      const started = state();
      await qr.commitTransaction();
      const committed = state();
      expect([started, committed]).toEqual([
        { active: true, depth: 1 },
        { active: false, depth: 0 },
      ]);
      setTransactionState(qr, true);
      expect(state()).toEqual(started);
      setTransactionState(qr, false);
      expect(state()).toEqual(committed);
    });

    it('has the private method that gives a broken connection back to the pool', () => {
      expect(typeof (qr as unknown as { releasePostgresConnection: unknown }).releasePostgresConnection).toBe(
        'function',
      );
    });
  });
});
