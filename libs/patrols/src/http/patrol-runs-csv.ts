import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { AppError, OptionalIsoTime, toCsv, userNames, type Principal } from '#core';
import { DataSource } from 'typeorm';
import { PATROL_RUN_STATUSES, type PatrolRunStatus } from '../domain/patrol-run.js';
import { PatrolQueries } from '../queries/patrol-queries.js';
import type { PatrolRunView } from '../queries/patrol-views.js';

/** The most rows one export answers; narrow the window for more. */
export const PATROL_RUNS_EXPORT_MAX = 10_000;

export class PatrolRunsExportQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() siteId?: string;
  @ApiPropertyOptional({ enum: PATROL_RUN_STATUSES })
  @IsOptional()
  @IsIn(PATROL_RUN_STATUSES)
  status?: PatrolRunStatus;
  @OptionalIsoTime('runs started at or after; default: everything') from?: string;
  @OptionalIsoTime('runs started before; default: now') to?: string;
}

/** GET /patrol-runs/export.csv: patrol runs as the list shows them, one line each, newest first. */
@Injectable()
export class PatrolRunsCsv {
  constructor(
    private readonly queries: PatrolQueries,
    private readonly db: DataSource,
  ) {}

  async build(me: Principal, q: PatrolRunsExportQueryDto): Promise<{ filename: string; csv: string }> {
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    if (from && to && from >= to)
      throw AppError.validation([{ field: 'to', constraints: { isAfterFrom: 'to must be after from' } }]);
    const runs = await this.queries.allRuns(
      me,
      { siteId: q.siteId, status: q.status, from, to },
      PATROL_RUNS_EXPORT_MAX,
    );
    const names = await userNames(
      this.db,
      runs.map((r) => r.guardId),
    );
    const csv = toCsv<PatrolRunView>(
      [
        ['runId', (r) => r.id],
        ['route', (r) => r.routeName],
        ['siteId', (r) => r.siteId],
        ['guard', (r) => names.get(r.guardId)],
        ['guardId', (r) => r.guardId],
        ['status', (r) => r.status],
        ['startedAt', (r) => r.startedAt],
        ['completedAt', (r) => r.completedAt],
        ['endedBy', (r) => r.endedBy],
        ['scanned', (r) => r.progress.scanned],
        ['checkpoints', (r) => r.progress.total],
        ['skipped', (r) => r.skippedCheckpoints?.map((c) => c.name).join('; ')],
        ['overdue', (r) => r.overdue],
      ],
      runs,
    );
    return { filename: `patrol-runs-${new Date().toISOString().slice(0, 10)}.csv`, csv };
  }
}
