import type { SimArgs } from './args.js';
import { circleInside, type LatLng } from './geo.js';

export interface SimSite {
  id: string;
  center: LatLng;
  radiusM: number;
  routeId: string | null;
  checkpoints: { code: string; location: LatLng }[];
}
export interface SimUser {
  id: string;
  role: string;
  siteIds: string[];
  token: string;
}
export interface SimWorld {
  source: 'seed' | 'demo';
  sites: SimSite[];
  guards: SimUser[];
  supervisors: SimUser[];
}

async function post<T>(url: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json().catch(() => ({}))) as T };
}

async function login(url: string, email: string, password: string): Promise<string> {
  const r = await post<{ accessToken?: string; message?: string }>(`${url}/api/v1/auth/login`, {
    email,
    password,
  });
  if (r.status !== 200 && r.status !== 201)
    throw new Error(`login as ${email} failed (${r.status}): ${r.body.message ?? ''}`);
  return r.body.accessToken!;
}

/**
 * The simulated organisation: bulk-seeded through POST /api/v1/simulation/seed (server started
 * with ENABLE_SIMULATION_SEED=true), or, when that endpoint is absent, the demo organisation of
 * `npm start` (its 8 guards and 2 supervisors, no patrol routes).
 */
export async function prepareWorld(a: SimArgs, note: (s: string) => void): Promise<SimWorld> {
  const adminToken = await login(a.url, a.email, a.password);
  const ttl = Math.min(86_400, Math.max(3600, a.duration + 600));
  const seeded = await post<any>(
    `${a.url}/api/v1/simulation/seed`,
    { sites: a.sites, guards: a.guards, supervisors: a.supervisors, tokenTtlS: ttl },
    adminToken,
  );
  if (seeded.status === 201) {
    const b = seeded.body;
    return {
      source: 'seed',
      sites: b.sites.map((s: any) => ({
        id: s.id,
        center: s.geofence.center,
        radiusM: s.geofence.radiusM,
        routeId: s.routeId,
        checkpoints: s.checkpoints.map((c: any) => ({ code: c.code, location: c.location })),
      })),
      guards: b.guards,
      supervisors: b.supervisors,
    };
  }
  if (seeded.status !== 404)
    throw new Error(`seeding failed (${seeded.status}): ${JSON.stringify(seeded.body)}`);
  note('POST /api/v1/simulation/seed is not available (start the server with ENABLE_SIMULATION_SEED=true).');
  note(
    'Falling back to the demo organisation (8 guards, 2 supervisors, password patrolshield-demo); --sites, --guards and --supervisors are ignored.',
  );
  return demoWorld(a, adminToken);
}

async function demoWorld(a: SimArgs, adminToken: string): Promise<SimWorld> {
  const res = await fetch(`${a.url}/api/v1/sites?pageSize=100`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  const sites = ((await res.json()) as { items: any[] }).items ?? [];
  // A polygon site is walked inside the largest circle about its middle, not from a corner.
  const circle = (g: any): { center: LatLng; radiusM: number } =>
    g?.type === 'Polygon' ? circleInside(g.coordinates[0]) : { center: g.center, radiusM: g.radiusM ?? 150 };
  const users: SimUser[] = [];
  const keys = [...Array.from({ length: 8 }, (_, i) => `guard${i + 1}`), 'supervisor1', 'supervisor2'];
  for (const key of keys) {
    const token = await login(a.url, `${key}@demo.patrolshield.local`, 'patrolshield-demo');
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
      sub: string;
      role: string;
    };
    users.push({ id: claims.sub, role: claims.role, siteIds: [], token });
  }
  // The demo seed gives each site a patrol route: walk the first one of each site.
  const routesRes = await fetch(`${a.url}/api/v1/patrol-routes?pageSize=100`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  const routes = routesRes.ok ? (((await routesRes.json()) as { items: any[] }).items ?? []) : [];
  const routeOf = (siteId: string) => routes.find((r) => r.siteId === siteId);
  return {
    source: 'demo',
    sites: sites.map((s) => ({
      id: s.id,
      ...circle(s.geofence),
      routeId: routeOf(s.id)?.id ?? null,
      checkpoints: (routeOf(s.id)?.checkpoints ?? []).map((c: any) => ({
        code: c.code,
        location: c.location,
      })),
    })),
    guards: users.filter((u) => u.role === 'guard'),
    supervisors: users.filter((u) => u.role !== 'guard'),
  };
}
