import { Injectable } from '@nestjs/common';
import { AppConfig, type LatLng } from '#core';
import { In, type EntityManager } from 'typeorm';
import { gapDeadline, overdueDeadline } from '../domain/patrol-deadlines.js';
import { nextExpected } from '../domain/scan-classification.js';
import {
  progressOf,
  remainingOf,
  type PatrolRunEnding,
  type PatrolRunStatus,
  type Progress,
} from '../domain/patrol-run.js';
import { CheckpointEntity } from '../persistence/checkpoint.entity.js';
import { PatrolRouteEntity } from '../persistence/patrol-route.entity.js';
import type { PatrolRunEntity } from '../persistence/patrol-run.entity.js';

export interface CheckpointView {
  id: string;
  siteId: string;
  name: string;
  code: string;
  location: LatLng;
  radiusM: number;
  createdAt: string;
}
export type CheckpointRef = Pick<CheckpointView, 'id' | 'name' | 'code'>;

export interface PatrolRouteView {
  id: string;
  siteId: string;
  name: string;
  checkpointIds: string[];
  checkpoints: CheckpointView[];
  expectedDurationMinutes: number;
  maxGapMinutes: number;
  createdAt: string;
}

export type PatrolRunView = {
  id: string;
  routeId: string;
  routeName: string;
  siteId: string;
  guardId: string;
  status: PatrolRunStatus;
  startedAt: string;
  completedAt: string | null;
  /** Who ended the run: its guard, or the end of its shift (null while in progress). */
  endedBy: PatrolRunEnding | null;
  /** Device time of the latest counted scan. */
  lastScanAt: string | null;
  progress: Progress;
  nextCheckpoint: CheckpointRef | null;
  /** When the next checkpoint counts as missed (null once every checkpoint is counted or the run ended). */
  nextScanDueBy: string | null;
  /** When the run becomes overdue. */
  dueBy: string;
  overdue: boolean;
  /** Checkpoints not visited: null while in progress, the list once completed. */
  skippedCheckpoints: CheckpointRef[] | null;
};

export const checkpointView = (c: CheckpointEntity): CheckpointView => ({
  id: c.id,
  siteId: c.siteId,
  name: c.name,
  code: c.code,
  location: c.location,
  radiusM: c.radiusM,
  createdAt: c.createdAt.toISOString(),
});
export const checkpointRef = (c: Pick<CheckpointEntity, 'id' | 'name' | 'code'>): CheckpointRef => ({
  id: c.id,
  name: c.name,
  code: c.code,
});

/** Builds the JSON shapes clients see (acks, event data, REST, snapshots) from stored rows. */
@Injectable()
export class PatrolViews {
  constructor(private readonly config: AppConfig) {}

  async checkpointsById(em: EntityManager, ids: string[]): Promise<Map<string, CheckpointEntity>> {
    const rows = ids.length
      ? await em.getRepository(CheckpointEntity).findBy({ id: In([...new Set(ids)]) })
      : [];
    return new Map(rows.map((c) => [c.id, c]));
  }

  refs(byId: Map<string, CheckpointRef>, ids: string[]): CheckpointRef[] {
    return ids
      .map((id) => byId.get(id))
      .filter((c): c is CheckpointRef => !!c)
      .map(checkpointRef);
  }

  async routes(em: EntityManager, routes: PatrolRouteEntity[]): Promise<PatrolRouteView[]> {
    const byId = await this.checkpointsById(
      em,
      routes.flatMap((r) => r.checkpointIds),
    );
    return routes.map((r) => ({
      id: r.id,
      siteId: r.siteId,
      name: r.name,
      checkpointIds: r.checkpointIds,
      checkpoints: r.checkpointIds
        .map((id) => byId.get(id))
        .filter((c): c is CheckpointEntity => !!c)
        .map(checkpointView),
      expectedDurationMinutes: r.expectedDurationMinutes,
      maxGapMinutes: r.maxGapMinutes,
      createdAt: r.createdAt.toISOString(),
    }));
  }

  async run(em: EntityManager, run: PatrolRunEntity): Promise<PatrolRunView> {
    return (await this.runs(em, [run]))[0];
  }

  async runs(em: EntityManager, runs: PatrolRunEntity[]): Promise<PatrolRunView[]> {
    if (!runs.length) return [];
    const byId = await this.checkpointsById(
      em,
      runs.flatMap((r) => r.checkpointIds),
    );
    const routeIds = [...new Set(runs.map((r) => r.routeId))];
    const routes = await em
      .getRepository(PatrolRouteEntity)
      .find({ where: { id: In(routeIds) }, select: { id: true, name: true } });
    const names = new Map(routes.map((r) => [r.id, r.name]));
    const minuteMs = this.config.PATROL_MINUTE_MS;
    return runs.map((r) => {
      const progress = progressOf(r);
      const inProgress = r.status === 'IN_PROGRESS';
      const next = inProgress ? nextExpected(this.refs(byId, r.checkpointIds), r.scannedIds) : null;
      return {
        id: r.id,
        routeId: r.routeId,
        routeName: names.get(r.routeId) ?? '',
        siteId: r.siteId,
        guardId: r.guardId,
        status: r.status,
        startedAt: r.startedAt.toISOString(),
        completedAt: r.completedAt?.toISOString() ?? null,
        endedBy: r.endedBy ?? null,
        lastScanAt: progress.scanned ? r.lastProgressAt.toISOString() : null,
        progress,
        nextCheckpoint: next,
        nextScanDueBy:
          next && remainingOf(r).length
            ? gapDeadline(r.lastProgressAt, r.maxGapMinutes, minuteMs).toISOString()
            : null,
        dueBy: overdueDeadline(r.startedAt, r.expectedDurationMinutes, minuteMs).toISOString(),
        overdue: r.overdueAlertedAt !== null,
        skippedCheckpoints: r.skippedIds ? this.refs(byId, r.skippedIds) : null,
      };
    });
  }
}
