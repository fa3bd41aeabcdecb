import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { DataSource, type EntityManager } from 'typeorm';
import {
  hashPassword,
  rootLogger,
  SiteCreatedEvent,
  TokenService,
  type CircleGeofence,
  type LatLng,
  type Role,
} from '#core';
import { PatrolBulkSeed } from '#patrols';
import type { SeedSimulationDto } from './seed-simulation.dto.js';

export interface SeededSite {
  id: string;
  name: string;
  geofence: CircleGeofence;
  routeId: string;
  checkpoints: { id: string; code: string; location: LatLng; radiusM: number }[];
}
export interface SeededUser {
  id: string;
  email: string;
  role: Role;
  siteIds: string[];
  token: string;
}
export interface SeedResult {
  runId: string;
  password: string;
  tokenExpiresAt: string;
  sites: SeededSite[];
  guards: SeededUser[];
  supervisors: SeededUser[];
}

const RADIUS_M = 300;
const CHECKPOINT_RADIUS_M = 40;
const METERS_PER_DEG_LAT = 111_320;
const CHUNK = 5000;

/** One password for every simulated user, hashed once per process (argon2 is slow on purpose). */
const SIM_PASSWORD = `sim-${randomBytes(9).toString('base64url')}`;
let hashed: Promise<string> | undefined;

/**
 * Creates a whole simulated organisation in a few multi-row statements inside one transaction:
 * sites on a grid with circular geofences, checkpoints on a ring inside each, one route per site,
 * guards and supervisors with their assignments; and signs their access tokens directly.
 */
@Injectable()
export class SimulationSeeder {
  private readonly log = rootLogger().child({ context: 'simulation-seed' });

  constructor(
    private readonly db: DataSource,
    private readonly tokens: TokenService,
    private readonly events: EventBus,
  ) {}

  async seed(dto: SeedSimulationDto): Promise<SeedResult> {
    const started = Date.now();
    const runId = randomBytes(4).toString('hex');
    const passwordHash = await (hashed ??= hashPassword(SIM_PASSWORD));
    const origin = dto.origin ?? { lat: 52.52, lng: 13.405 };
    const perSite = dto.checkpointsPerSite ?? 5;
    const result = await this.db.transaction(async (tx) => {
      const sites = await this.insertSites(tx, runId, dto.sites, origin, perSite);
      const guards = await this.insertUsers(tx, runId, 'guard', dto.guards, passwordHash, (i) => [
        sites[i % sites.length].id,
      ]);
      const supervisors = await this.insertUsers(
        tx,
        runId,
        'supervisor',
        dto.supervisors,
        passwordHash,
        (i) => [sites[i % sites.length].id],
      );
      return { sites, guards, supervisors };
    });
    const ttl = dto.tokenTtlS ?? 3600;
    let expiresAt = new Date();
    const sign = (u: Omit<SeededUser, 'token'>): SeededUser => {
      const signed = this.tokens.signAccess({ id: u.id, role: u.role }, undefined, ttl);
      expiresAt = signed.expiresAt;
      return { ...u, token: signed.token };
    };
    const guards = result.guards.map(sign);
    const supervisors = result.supervisors.map(sign);
    for (const s of result.sites) this.events.publish(new SiteCreatedEvent(s.id));
    this.log.info(
      { runId, sites: dto.sites, guards: dto.guards, supervisors: dto.supervisors, ms: Date.now() - started },
      'simulation organisation seeded',
    );
    return {
      runId,
      password: SIM_PASSWORD,
      tokenExpiresAt: expiresAt.toISOString(),
      sites: result.sites,
      guards,
      supervisors,
    };
  }

  private async insertSites(
    tx: EntityManager,
    runId: string,
    count: number,
    origin: LatLng,
    perSite: number,
  ): Promise<SeededSite[]> {
    const cols = Math.ceil(Math.sqrt(count));
    const lngScale = METERS_PER_DEG_LAT * Math.cos((origin.lat * Math.PI) / 180);
    const geofences: CircleGeofence[] = Array.from({ length: count }, (_, i) => ({
      center: {
        lat: round6(origin.lat + (Math.floor(i / cols) * 1000) / METERS_PER_DEG_LAT),
        lng: round6(origin.lng + ((i % cols) * 1000) / lngScale),
      },
      radiusM: RADIUS_M,
    }));
    const names = geofences.map((_, i) => `Sim ${runId} site ${i + 1}`);
    const rows = (await tx.query(
      `INSERT INTO sites (name, timezone, geofence)
       SELECT n, 'UTC', g FROM unnest($1::text[], $2::jsonb[]) AS t(n, g) RETURNING id, name`,
      [names, geofences.map((g) => JSON.stringify(g))],
    )) as { id: string; name: string }[];
    const idByName = new Map(rows.map((r) => [r.name, r.id]));
    const sites: SeededSite[] = names.map((name, i) => ({
      id: idByName.get(name)!,
      name,
      geofence: geofences[i],
      routeId: '',
      checkpoints: Array.from({ length: perSite }, (_, k) => {
        const angle = (2 * Math.PI * k) / perSite;
        const r = RADIUS_M * 0.6;
        const c = geofences[i].center;
        return {
          id: '',
          code: `SIM-${runId}-${i + 1}-${k + 1}`,
          location: {
            lat: round6(c.lat + (r * Math.sin(angle)) / METERS_PER_DEG_LAT),
            lng: round6(c.lng + (r * Math.cos(angle)) / lngScale),
          },
          radiusM: CHECKPOINT_RADIUS_M,
        };
      }),
    }));
    const cps = sites.flatMap((s) => s.checkpoints.map((c, k) => ({ s, c, k })));
    for (let i = 0; i < cps.length; i += CHUNK) {
      const part = cps.slice(i, i + CHUNK);
      const byCode = await PatrolBulkSeed.insertCheckpoints(
        tx,
        part.map((p) => ({ siteId: p.s.id, name: `Checkpoint ${p.k + 1}`, ...p.c })),
      );
      for (const p of part) p.c.id = byCode.get(p.c.code)!;
    }
    // The route walks the ring in the order the checkpoints were laid out (their codes sort as text).
    const routeBySite = await PatrolBulkSeed.insertRoutes(
      tx,
      sites.map((s) => ({
        siteId: s.id,
        name: 'Sim round',
        checkpointIds: s.checkpoints.map((c) => c.id),
        expectedDurationMinutes: 60,
        maxGapMinutes: 30,
      })),
    );
    for (const s of sites) s.routeId = routeBySite.get(s.id)!;
    return sites;
  }

  private async insertUsers(
    tx: EntityManager,
    runId: string,
    role: Role,
    count: number,
    passwordHash: string,
    sitesOf: (i: number) => string[],
  ): Promise<Omit<SeededUser, 'token'>[]> {
    const users: Omit<SeededUser, 'token'>[] = [];
    for (let start = 0; start < count; start += CHUNK) {
      const n = Math.min(CHUNK, count - start);
      const emails = Array.from(
        { length: n },
        (_, k) => `sim-${runId}-${role}-${start + k + 1}@sim.patrolshield.local`,
      );
      const names = Array.from({ length: n }, (_, k) => `Sim ${role} ${start + k + 1}`);
      const rows = (await tx.query(
        `INSERT INTO users (email, name, role, password_hash)
         SELECT e, n, $3, $4 FROM unnest($1::text[], $2::text[]) AS t(e, n) RETURNING id, email`,
        [emails, names, role, passwordHash],
      )) as { id: string; email: string }[];
      const idByEmail = new Map(rows.map((r) => [r.email, r.id]));
      const part = emails.map((email, k) => ({
        id: idByEmail.get(email)!,
        email,
        role,
        siteIds: sitesOf(start + k),
      }));
      const pairs = part.flatMap((u) => u.siteIds.map((siteId) => [u.id, siteId]));
      await tx.query(
        `INSERT INTO site_assignments (user_id, site_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
      users.push(...part);
    }
    return users;
  }
}

const round6 = (x: number): number => Math.round(x * 1e6) / 1e6;
