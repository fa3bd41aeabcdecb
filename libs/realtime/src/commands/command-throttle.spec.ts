import { AppConfig, MemoryRateLimitStore, RateLimiter, type AppError } from '#core';
import type { PsSocket } from '../session/socket-session.js';
import { DEFAULT_COMMAND_POLICY, type ResolvedCommandPolicy } from './command-policy.js';
import { CommandThrottle } from './command-throttle.js';

const policy = (p: Partial<ResolvedCommandPolicy>): ResolvedCommandPolicy => ({
  ...DEFAULT_COMMAND_POLICY,
  ...p,
});

function throttle(perSecond: number) {
  const config = Object.assign(new AppConfig(), { WS_COMMANDS_PER_S: perSecond });
  return new CommandThrottle(config, new RateLimiter(new MemoryRateLimitStore()));
}

const socket = (id: string, userId = 'u1') =>
  ({ id, data: { principal: { userId } } }) as unknown as PsSocket;

/** The codes of `n` commands checked one after another (null: allowed). */
async function codes(t: CommandThrottle, s: PsSocket, event: string, p: ResolvedCommandPolicy, n: number) {
  const out: (string | null)[] = [];
  for (let i = 0; i < n; i++) out.push(((await t.check(s, event, p)) as AppError | null)?.code ?? null);
  return out;
}

describe('CommandThrottle by declared policy', () => {
  it('counts every command against its socket, answered at once with the in-process store', async () => {
    const t = throttle(2);
    const s = socket('s1');
    expect(t.check(s, 'sync', DEFAULT_COMMAND_POLICY)).toBeNull(); // no promise on the common path
    expect(await codes(t, s, 'sync', DEFAULT_COMMAND_POLICY, 2)).toEqual([null, 'RATE_LIMITED']);
    expect(await codes(t, socket('s2'), 'sync', DEFAULT_COMMAND_POLICY, 1)).toEqual([null]);
  });

  it('never refuses an exempt command, and an exempt command spends nothing', async () => {
    const t = throttle(1);
    const s = socket('s1');
    expect(await codes(t, s, 'panic_alert', policy({ exempt: true }), 5)).toEqual(Array(5).fill(null));
    expect(await codes(t, s, 'sync', DEFAULT_COMMAND_POLICY, 2)).toEqual([null, 'RATE_LIMITED']);
  });

  it("checks a command's own budget per user, after the socket's", async () => {
    const t = throttle(100);
    const joins = policy({ budget: { limit: 2, windowMs: 60_000 } });
    expect(await codes(t, socket('s1'), 'join_site', joins, 2)).toEqual([null, null]);
    // a second socket of the same user shares the per-user budget, another user does not
    expect(await codes(t, socket('s2'), 'join_site', joins, 1)).toEqual(['RATE_LIMITED']);
    expect(await codes(t, socket('s3', 'u2'), 'join_site', joins, 1)).toEqual([null]);
    // other commands are not counted against it
    expect(await codes(t, socket('s1'), 'sync', DEFAULT_COMMAND_POLICY, 1)).toEqual([null]);
  });
});
