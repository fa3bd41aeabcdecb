import type { CommandRunner, UnitOfWork } from '#realtime';

/** An event a fake unit of work was asked to append. */
export interface AppendedEvent {
  type: string;
  streams: string[];
  data: unknown;
}

/**
 * The ports a command handler runs on, faked for unit specs: a runner that runs the work at once
 * on a unit of work whose `tx` is `tx` (repositories are spied on separately), recording what it
 * appends, and that publishes the events the work raised once the work succeeded (as the real
 * runner does after COMMIT) into `published`.
 */
export function fakeCommandPorts(tx: object = {}) {
  const appended: AppendedEvent[] = [];
  const published: unknown[] = [];
  const raised: unknown[] = [];
  const uow = {
    tx,
    append: (e: AppendedEvent) => `e${appended.push(e)}`,
    raise: (e: unknown) => (raised.push(e), e),
  } as unknown as UnitOfWork;
  const runner = {
    run: async (_ctx: unknown, work: (u: UnitOfWork) => Promise<unknown>) => {
      raised.length = 0;
      const result = await work(uow);
      published.push(...raised);
      return { result, envelopes: [], replayed: false };
    },
  } as unknown as CommandRunner;
  return { runner, uow, appended, published };
}

/** The contract code of the AppError a promise rejects with ('no error' when it resolves). */
export const codeOf = (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'no error',
    (e: { code: string }) => e.code,
  );
