/**
 * The baseline: a bare Socket.IO server with the same rooms, events, message shapes and fan-out
 * as PatrolShield for the "fleet" scenario, and nothing else: no Nest, no auth, no validation, no
 * database. Identity comes straight from `auth` in the handshake. Prints a `ready` JSON line.
 */
// The same V8 settings as the product's server, so CPU and GC compare like for like.
import '../apps/api/src/bootstrap/v8-flags.js';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Server, type Socket } from 'socket.io';
import { GcPauses } from '../libs/core/src/health/gc-pauses.js';
import { loopDelayMs } from '../libs/core/src/health/loop-delay.js';

const BATCH_MS = Number(process.env.LOCATION_BATCH_MS ?? 5000);
const http = createServer();
const io = new Server(http, { path: '/socket.io', transports: ['polling', 'websocket'] });
// The same /api/v1/metrics answer as ours (event-loop delay and GC pauses since the last reset, memory).
const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
const gc = new GcPauses().start();
http.on('request', (req, res) => {
  if (req.url?.startsWith('/socket.io')) return; // Socket.IO answers its own path
  if (req.method === 'POST' && req.url === '/api/v1/metrics/reset') {
    delay.reset();
    gc.reset();
    res.writeHead(204).end();
  } else if (req.url === '/api/v1/metrics') {
    const m = process.memoryUsage();
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        eventLoopDelayMs: loopDelayMs(delay),
        gcPauses: gc.snapshot(),
        memoryBytes: { rss: m.rss, heapUsed: m.heapUsed },
      }),
    );
  } else res.writeHead(404).end();
});
const seqs = new Map<string, number>();
const latest = new Map<string, Map<string, Record<string, unknown>>>();
const activePanic = new Map<string, Record<string, unknown>>();

interface Who {
  userId: string;
  role: string;
  name: string;
  siteIds: string[];
}
const actorOf = (w: Who) => ({ userId: w.userId, role: w.role, name: w.name });

function publish(
  streams: string[],
  type: string,
  siteId: string | null,
  actor: unknown,
  data: unknown,
  receipts = false,
) {
  const id = randomUUID();
  for (const stream of streams) {
    const seq = (seqs.get(stream) ?? 0) + 1;
    seqs.set(stream, seq);
    const env = { id, type, stream, seq, siteId, occurredAt: new Date().toISOString(), actor, data };
    if (receipts)
      io.to(stream)
        .timeout(10_000)
        .emit(type, env, () => undefined);
    else io.to(stream).emit(type, env);
  }
}

io.on('connection', (socket: Socket) => {
  const a = socket.handshake.auth as Partial<Who>;
  const me: Who = {
    userId: String(a.userId),
    role: String(a.role),
    name: `${a.role} user`,
    siteIds: a.siteIds ?? [],
  };
  const siteRooms = me.siteIds.map((s) => `site:${s}:${me.role === 'guard' ? 'guards' : 'staff'}`);
  void socket.join([`user:${me.userId}`, `role:${me.role}`, ...siteRooms]);
  const now = new Date();
  socket.emit('session', {
    userId: me.userId,
    role: me.role,
    name: me.name,
    siteIds: me.siteIds,
    streams: Object.fromEntries([`user:${me.userId}`, ...siteRooms].map((s) => [s, seqs.get(s) ?? 0])),
    expiresAt: new Date(now.getTime() + 3600_000).toISOString(),
    serverTime: now.toISOString(),
  });
  const site = me.siteIds[0] ?? null;
  const staff = (s: string | null) => (s ? [`site:${s}:staff`] : []);
  const on = (event: string, fn: (p: any) => unknown) =>
    socket.on(event, (payload: any, ack?: (r: unknown) => void) => {
      const data = fn(payload ?? {});
      ack?.({ ok: true, data });
    });
  on('shift_start', (p) => {
    const shift = {
      id: randomUUID(),
      guardId: me.userId,
      siteId: p.siteId,
      startedAt: new Date().toISOString(),
      startLocation: p.location ?? null,
    };
    publish([...staff(p.siteId), `user:${me.userId}`], 'shift_started', p.siteId, actorOf(me), {
      shift,
      insideGeofence: true,
    });
    return { shift };
  });
  on('update_location', (p) => {
    if (!site) return { accepted: false, nextIntervalMs: 5000 };
    let m = latest.get(site);
    if (!m) latest.set(site, (m = new Map()));
    m.set(me.userId, {
      userId: me.userId,
      lat: p.lat,
      lng: p.lng,
      accuracy: p.accuracy ?? null,
      heading: p.heading ?? null,
      speed: p.speed ?? null,
      batteryLevel: p.batteryLevel ?? null,
      recordedAt: p.recordedAt ?? new Date().toISOString(),
    });
    return { accepted: true, nextIntervalMs: 5000 };
  });
  on('panic_alert', (p) => {
    const at = new Date().toISOString();
    const panic = {
      id: randomUUID(),
      siteId: site,
      type: p.type ?? 'PANIC',
      status: 'ACTIVE',
      level: 1,
      guard: { id: me.userId, name: me.name },
      location: p.location,
      batteryLevel: p.batteryLevel ?? null,
      message: p.message ?? null,
      raisedAt: p.recordedAt ?? at,
      receivedAt: at,
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
    };
    activePanic.set(panic.id, panic);
    publish(staff(site), 'panic_alert', site, actorOf(me), { panic }, true);
    return { panicId: panic.id, duplicate: false };
  });
  const panicChange = (type: string, status: string) => (p: any) => {
    const panic = { ...(activePanic.get(p.panicId) ?? { id: p.panicId }), status };
    const raiser = (panic as { guard?: { id: string } }).guard?.id;
    const s = (panic as { siteId?: string }).siteId ?? null;
    if (status === 'RESOLVED') activePanic.delete(p.panicId);
    publish([...staff(s), ...(raiser ? [`user:${raiser}`] : [])], type, s, actorOf(me), {
      panic,
      by: actorOf(me),
    });
    return { panic };
  };
  on('panic_acknowledge', panicChange('panic_acknowledged', 'ACKNOWLEDGED'));
  on('panic_resolve', panicChange('panic_resolved', 'RESOLVED'));
  on('start_patrol', (p) => {
    const patrolRun = {
      id: randomUUID(),
      routeId: p.routeId,
      siteId: site,
      guardId: me.userId,
      status: 'IN_PROGRESS',
      startedAt: new Date().toISOString(),
    };
    publish([...staff(site), `user:${me.userId}`], 'patrol_started', site, actorOf(me), { patrolRun });
    return { patrolRun };
  });
  on('complete_patrol', (p) => {
    const patrolRun = {
      id: p.patrolRunId,
      siteId: site,
      guardId: me.userId,
      status: 'COMPLETED',
      completedAt: new Date().toISOString(),
    };
    publish([...staff(site), `user:${me.userId}`], 'patrol_completed', site, actorOf(me), { patrolRun });
    return { patrolRun };
  });
  on('scan_checkpoint', (p) => {
    const progress = { scanned: 1, total: 5 };
    const checkpoint = { id: randomUUID(), code: p.checkpointCode, name: 'Checkpoint' };
    publish([...staff(site), `user:${me.userId}`], 'checkpoint_scanned', site, actorOf(me), {
      patrolRunId: p.patrolRunId,
      checkpoint,
      result: 'VALID',
      progress,
    });
    return { result: 'VALID', progress };
  });
  on('message_send', (p) => {
    // Site conversation: its staff and guards rooms; direct: both people's own rooms.
    const streams = p.siteId
      ? [`site:${p.siteId}:staff`, `site:${p.siteId}:guards`]
      : [`user:${me.userId}`, `user:${p.toUserId}`];
    const message = {
      id: randomUUID(),
      conversationId: p.siteId ?? p.toUserId,
      kind: p.siteId ? 'site' : 'direct',
      siteId: p.siteId ?? null,
      sender: { id: me.userId, name: me.name, role: me.role },
      text: p.text,
      requiresAck: false,
      acknowledgedBy: [],
      createdAt: new Date().toISOString(),
      editedAt: null,
      deletedAt: null,
    };
    publish(streams, 'message_created', p.siteId ?? null, actorOf(me), { message });
    return { message };
  });
  on('sync', () => ({ streams: {} }));
});

setInterval(() => {
  const windowEnd = new Date();
  const windowStart = new Date(windowEnd.getTime() - BATCH_MS);
  for (const [siteId, m] of latest) {
    if (!m.size) continue;
    io.to(`site:${siteId}:staff`).emit('location_batch', {
      siteId,
      windowStart: windowStart.toISOString(),
      windowEnd: windowEnd.toISOString(),
      locations: [...m.values()],
    });
    m.clear();
  }
}, BATCH_MS).unref();

http.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ msg: 'ready', port })}\n`);
});
const stop = () => {
  void io.close();
  http.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
