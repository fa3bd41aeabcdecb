import { redisAvailable, useTwoNodes } from '../support/cluster.js';
import { command, flush, receivedOf, waitFor } from '../support/sockets.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;

suite('presence across two nodes', () => {
  const cluster = useTwoNodes({ PRESENCE_OFFLINE_GRACE_S: '1' });

  it('is online while any node has a socket of the user, offline once after the grace', async () => {
    const site = await cluster.db.site();
    const sup = await cluster.db.user('supervisor', [site]);
    const guard = await cluster.db.user('guard', [site]);
    const watcher = await cluster.open(cluster.a, sup.token);
    const onA = await cluster.open(cluster.a, guard.token);
    const onB = await cluster.open(cluster.b, guard.token);
    expect((await waitFor(watcher, 'presence_changed', (p) => p.userId === guard.id)).status).toBe('online');
    const listed = await command(watcher, 'get_presence', { siteId: site });
    expect(listed.data.users.find((u: { userId: string }) => u.userId === guard.id)!.status).toBe('online');
    // Closing the socket on A while B still holds one: still online, nothing announced.
    onA.close();
    await flush(watcher);
    const offline = waitFor(
      watcher,
      'presence_changed',
      (p) => p.userId === guard.id && p.status === 'offline',
    );
    onB.close();
    await offline;
    await flush(watcher);
    const changes = receivedOf(watcher, 'presence_changed').filter((p) => p.userId === guard.id);
    expect(changes.map((p) => p.status)).toEqual(['online', 'offline']);
  });
});
