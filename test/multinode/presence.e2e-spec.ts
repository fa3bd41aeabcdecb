import { redisAvailable, redisPrefix, startNode, type ApiNode } from '../support/cluster.js';
import { DbFixtures } from '../support/db-fixtures.js';
import { command, connect, flush, receivedOf, waitFor, type TestSocket } from '../support/sockets.js';
import { freshDatabase } from '../support/test-app.js';

const hasRedis = await redisAvailable();
const suite = hasRedis ? describe : describe.skip;

suite('presence across two nodes', () => {
  let a: ApiNode;
  let b: ApiNode;
  let db: DbFixtures;
  const sockets: TestSocket[] = [];
  const open = async (node: ApiNode, token: string) => {
    const s = await connect(node.url, { token });
    sockets.push(s);
    return s;
  };

  beforeAll(async () => {
    const databaseUrl = await freshDatabase();
    const env = { DATABASE_URL: databaseUrl, REDIS_PREFIX: redisPrefix(), PRESENCE_OFFLINE_GRACE_S: '1' };
    [a, b] = await Promise.all([startNode(env), startNode(env)]);
    db = new DbFixtures(databaseUrl);
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await Promise.all([a?.stop(), b?.stop()]);
    await db?.close();
  });

  it('is online while any node has a socket of the user, offline once after the grace', async () => {
    const site = await db.site();
    const sup = await db.user('supervisor', [site]);
    const guard = await db.user('guard', [site]);
    const watcher = await open(a, sup.token);
    const onA = await open(a, guard.token);
    const onB = await open(b, guard.token);
    expect((await waitFor(watcher, 'presence_changed', (p) => p.userId === guard.id)).status).toBe('online');
    const listed = await command(watcher, 'get_presence', { siteId: site });
    expect(listed.data.users.find((u: { userId: string }) => u.userId === guard.id).status).toBe('online');
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
