import request from 'supertest';
import type { Role } from '../../libs/core/src/index.js';
import { probesOf } from '../support/probe.module.js';
import { useProbeApp } from '../support/probe-app.js';
import { command, flush, receivedOf, waitFor, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, type TestUser } from '../support/test-app.js';

const staff = (siteId: string) => `site:${siteId}:staff`;
const guards = (siteId: string) => `site:${siteId}:guards`;
const userStream = (userId: string) => `user:${userId}`;

/** Small deterministic PRNG (mulberry32): the topology is reproducible from the printed seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rooms and live membership: who hears which stream, and moves without reconnecting. */
describe('rooms and live membership', () => {
  const app = useProbeApp();
  const { probe, sock } = app;

  const rest = () => ({
    put: (path: string, body: object) =>
      request(app.t.baseUrl).put(`/api/v1${path}`).auth(app.admin.token, { type: 'bearer' }).send(body),
    patch: (path: string, body: object) =>
      request(app.t.baseUrl).patch(`/api/v1${path}`).auth(app.admin.token, { type: 'bearer' }).send(body),
    post: (path: string, body: object) =>
      request(app.t.baseUrl).post(`/api/v1${path}`).auth(app.admin.token, { type: 'bearer' }).send(body),
  });
  /** Notes of the probe events a socket received on one stream, after a server round trip. */
  const notesOn = async (s: TestSocket, stream: string) => {
    await flush(s);
    return probesOf(s.received, stream).map((e) => e.data.note as string);
  };

  it('moves a supervisor from site A to B without reconnecting', async () => {
    const [A, B] = [await createSite(app.t, 'A'), await createSite(app.t, 'B')];
    const sup = await createUser(app.t, 'supervisor', [A]);
    const s = await sock(sup);
    const socketId = s.socket.id;
    expect(Object.keys(s.session.streams).sort()).toEqual([staff(A), userStream(sup.id)].sort());

    await probe([staff(A)], 'A-before');
    await probe([staff(B)], 'B-before');
    expect(await notesOn(s, staff(A))).toEqual(['A-before']);
    expect(await notesOn(s, staff(B))).toEqual([]);

    const res = await rest()
      .put(`/users/${sup.id}/sites`, { siteIds: [B] })
      .expect(200);
    expect(res.body.siteIds).toEqual([B]);
    const changed = await waitFor(s, 'assignments_changed');
    expect(changed).toEqual({ siteIds: [B], role: 'supervisor' });

    await probe([staff(A)], 'A-after');
    await probe([staff(B)], 'B-after');
    expect(await notesOn(s, staff(A))).toEqual(['A-before']);
    expect(await notesOn(s, staff(B))).toEqual(['B-after']);
    expect(s.socket.id).toBe(socketId);
    expect(receivedOf(s, 'session')).toHaveLength(1);

    // The cached principal moved too: sync answers B's stream and no longer A's.
    const sync = await command(s, 'sync', { cursors: { [staff(A)]: 0, [staff(B)]: 0 } });
    expect(Object.keys(sync.data.streams).sort()).toEqual([staff(B), userStream(sup.id)].sort());
    expect(sync.data.streams[staff(B)].events.map((e: any) => e.data.note)).toEqual(['B-before', 'B-after']);
    // And site-level commands follow the new assignment.
    expect((await command(s, 'get_presence', { siteId: A })).error.code).toBe('FORBIDDEN');
    expect((await command(s, 'get_presence', { siteId: B })).ok).toBe(true);
  });

  it('promoting a guard to supervisor moves it from the guard room to the staff room', async () => {
    const A = await createSite(app.t, 'A');
    const guard = await createUser(app.t, 'guard', [A]);
    const s = await sock(guard);
    await probe([guards(A)], 'g1');
    await probe([staff(A)], 's1');
    expect(await notesOn(s, guards(A))).toEqual(['g1']);
    expect(await notesOn(s, staff(A))).toEqual([]);
    expect((await command(s, 'probe_emit', { streams: [staff(A)] })).error.code).toBe('FORBIDDEN');

    await rest().patch(`/users/${guard.id}`, { role: 'supervisor' }).expect(200);
    expect(await waitFor(s, 'assignments_changed')).toEqual({ siteIds: [A], role: 'supervisor' });

    await probe([guards(A)], 'g2');
    await probe([staff(A)], 's2');
    expect(await notesOn(s, guards(A))).toEqual(['g1']);
    expect(await notesOn(s, staff(A))).toEqual(['s2']);
    // The role guard reads the live principal.
    expect((await command(s, 'probe_emit', { streams: [staff(A)], note: 'own' })).ok).toBe(true);
  });

  it('promoting to app.admin joins every site; demoting leaves the unassigned ones', async () => {
    const [A, B] = [await createSite(app.t, 'A'), await createSite(app.t, 'B')];
    const sup = await createUser(app.t, 'manager', [A]);
    const s = await sock(sup);

    await rest().patch(`/users/${sup.id}`, { role: 'admin' }).expect(200);
    const promoted = await waitFor(s, 'assignments_changed', (d) => d.role === 'admin');
    expect(promoted.siteIds).toEqual(expect.arrayContaining([A, B]));
    await probe([staff(B)], 'B-admin');
    expect(await notesOn(s, staff(B))).toEqual(['B-admin']);

    await rest().patch(`/users/${sup.id}`, { role: 'manager' }).expect(200);
    expect(await waitFor(s, 'assignments_changed', (d) => d.role === 'manager')).toEqual({
      siteIds: [A],
      role: 'manager',
    });
    await probe([staff(B)], 'B-manager');
    await probe([staff(A)], 'A-manager');
    expect(await notesOn(s, staff(B))).toEqual(['B-admin']);
    expect(await notesOn(s, staff(A))).toEqual(['A-manager']);
  });

  it('an event committed after assignments_changed reaches the socket live, every time', async () => {
    // The room's starting point is read before the socket moves; with none, the log follower's
    // later read could start the stream past this event, leaving it to the client's sync.
    const sup = await createUser(app.t, 'supervisor', [await createSite(app.t, 'home')]);
    const s = await sock(sup);
    for (let i = 0; i < 12; i++) {
      const site = await createSite(app.t, `new ${i}`);
      await rest()
        .put(`/users/${sup.id}/sites`, { siteIds: [site] })
        .expect(200);
      await waitFor(s, 'assignments_changed', (d) => d.siteIds.includes(site));
      await probe([staff(site)], `first on ${i}`);
      expect(await notesOn(s, staff(site))).toEqual([`first on ${i}`]);
    }
  });

  it('a site created over REST is joined at once by connected admins, not by others', async () => {
    const other = await createUser(app.t, 'admin');
    const otherSocket = await sock(other);
    const sup = await createUser(app.t, 'supervisor', [await createSite(app.t, 'old')]);
    const supSocket = await sock(sup);

    const res = await rest()
      .post('/sites', {
        name: 'Brand new',
        timezone: 'UTC',
        geofence: { center: { lat: 1, lng: 2 }, radiusM: 100 },
      })
      .expect(201);
    const siteId = res.body.id as string;
    await probe([staff(siteId)], 'hello new site');

    for (const s of [app.emitter, otherSocket])
      expect(await notesOn(s, staff(siteId))).toEqual(['hello new site']);
    expect(await notesOn(supSocket, staff(siteId))).toEqual([]);
    // The admin's principal knows the site too: sync reads it and join_site answers its snapshot.
    const sync = await command(otherSocket, 'sync', { cursors: { [staff(siteId)]: 0 } });
    expect(sync.data.streams[staff(siteId)].events).toHaveLength(1);
    const join = await command(otherSocket, 'join_site', { siteId });
    expect(join.data.snapshot.site).toMatchObject({ id: siteId, name: 'Brand new' });
  });

  it('randomized topology: every socket receives exactly the streams of its rooms', async () => {
    const seed = Number(process.env.TOPOLOGY_SEED ?? Date.now() % 2 ** 31);
    console.log(`rooms topology seed: ${seed} (rerun with TOPOLOGY_SEED=${seed})`);
    const rnd = mulberry32(seed);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];

    const sites: string[] = [];
    // Created over REST, so the already connected app.emitter (an app.admin) joins them live.
    for (let i = 0; i < 4; i++)
      sites.push(
        (
          await rest()
            .post('/sites', { name: `Topo ${i}` })
            .expect(201)
        ).body.id as string,
      );
    const roles: Role[] = [
      'guard',
      'guard',
      'guard',
      'guard',
      'supervisor',
      'supervisor',
      'manager',
      'admin',
    ];
    const people: { user: TestUser; sockets: TestSocket[] }[] = [];
    const userCount = 11 + Math.floor(rnd() * 3);
    for (let i = 0; i < userCount; i++) {
      const role = pick(roles);
      const assigned = sites.filter(() => rnd() < 0.4);
      const user = await createUser(app.t, role, assigned);
      const devices = rnd() < 0.25 ? 2 : 1;
      const sockets: TestSocket[] = [];
      for (let d = 0; d < devices; d++) {
        // Some devices stay on long-polling, as the Android client starts.
        const transports: ('polling' | 'websocket')[] = rnd() < 0.3 ? ['polling'] : ['websocket'];
        sockets.push(await sock(user, { transports }));
      }
      people.push({ user, sockets });
    }
    const expectedStreams = (u: TestUser): Set<string> => {
      const rooms = new Set([userStream(u.id)]);
      for (const s of sites) {
        if (u.role === 'admin') rooms.add(staff(s));
        else if (u.role === 'guard' && u.siteIds.includes(s)) rooms.add(guards(s));
        else if (u.role !== 'guard' && u.siteIds.includes(s)) rooms.add(staff(s));
      }
      return rooms;
    };
    const description = people.map(
      (p) =>
        `${p.user.role}[${p.user.siteIds.map((s) => sites.indexOf(s)).join(',')}]` +
        p.sockets.map((s) => (s.socket.io.engine.transport.name === 'polling' ? 'P' : 'W')).join(''),
    );
    console.log(`topology: ${description.join(' ')}`);

    // What each socket announced at connect matches the rooms it should be in.
    for (const p of people) {
      const want = expectedStreams(p.user);
      for (const s of p.sockets) {
        const announced = Object.keys(s.session.streams).filter(
          (k) => k.startsWith('user:') || sites.some((site) => k.includes(site)),
        );
        expect(new Set(announced)).toEqual(want);
      }
    }

    // The app.emitter (an app.admin, connected before these sites existed) is a receiver like any other.
    people.push({ user: app.admin, sockets: [app.emitter] });

    // Publish: every site's staff and guard stream, a few user streams, and one event on several streams.
    const published: { stream: string; id: string }[] = [];
    const emit = async (streams: string[]) => {
      const data = await probe(streams, streams.join('+'));
      for (const stream of streams) published.push({ stream, id: data.eventIds[0] });
    };
    for (const s of sites) {
      await emit([staff(s)]);
      await emit([guards(s)]);
    }
    const targets = [...new Set([pick(people), pick(people), pick(people)])];
    for (const p of targets) await emit([userStream(p.user.id)]);
    await emit([staff(sites[0]), guards(sites[1]), userStream(pick(people).user.id)]);

    for (const p of people) {
      const want = expectedStreams(p.user);
      const expected = published
        .filter((e) => want.has(e.stream))
        .map((e) => `${e.stream}#${e.id}`)
        .sort();
      for (const s of p.sockets) {
        await flush(s);
        const got = probesOf(s.received)
          .filter((e) => published.some((x) => x.id === e.id))
          .map((e) => `${e.stream}#${e.id}`)
          .sort();
        expect({ who: `${p.user.role} ${p.user.id}`, got }).toEqual({
          who: `${p.user.role} ${p.user.id}`,
          got: expected,
        });
        if (p.user.role === 'guard') {
          expect(got.some((k) => k.includes(':staff#'))).toBe(false);
          expect(
            got.every((k) => k.startsWith('user:') || p.user.siteIds.some((site) => k.includes(site))),
          ).toBe(true);
        }
      }
    }
  }, 30_000);
});
