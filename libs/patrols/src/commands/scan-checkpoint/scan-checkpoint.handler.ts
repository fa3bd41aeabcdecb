import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actionTime, AppConfig } from '#core';
import { CommandRunner, Rooms, TimerService, type UnitOfWork } from '#realtime';
import { gapDeadline, scanDisprovesMiss } from '../../domain/patrol-deadlines.js';
import { progressOf, remainingOf } from '../../domain/patrol-run.js';
import { classifyScan } from '../../domain/scan-classification.js';
import { CheckpointScannedEvent } from '../../events/checkpoint-scanned.event.js';
import { PatrolEventTypes, PatrolTimers } from '../../patrols.constants.js';
import type { PatrolRunEntity } from '../../persistence/patrol-run.entity.js';
import { PatrolRuns } from '../../persistence/patrol-run.repository.js';
import { PatrolScans } from '../../persistence/patrol-scan.repository.js';
import { checkpointRef, PatrolViews } from '../../queries/patrol-views.js';
import { ownRunWithRoute } from '../run-with-route.js';
import { ScanCheckpointCommand, type ScanCheckpointResult } from './scan-checkpoint.command.js';

/**
 * Stores every scan with device and server time, classifies it, moves progress and the gap
 * deadline (from device time), and retracts a CHECKPOINT_MISSED that a late-delivered offline
 * scan proves wrong.
 */
@CommandHandler(ScanCheckpointCommand)
export class ScanCheckpointHandler implements ICommandHandler<ScanCheckpointCommand> {
  constructor(
    private readonly runner: CommandRunner,
    private readonly timers: TimerService,
    private readonly views: PatrolViews,
    private readonly config: AppConfig,
  ) {}

  async execute({ principal: me, dto, receivedAt }: ScanCheckpointCommand): Promise<ScanCheckpointResult> {
    const ctx = {
      principal: me,
      command: 'scan_checkpoint',
      clientEventId: dto.clientEventId,
      prefetch: PatrolRuns.lockWithRouteQuery(dto.patrolRunId),
    };
    const outcome = await this.runner.run(ctx, async (uow, prefetched) => {
      const { run, route } = ownRunWithRoute(prefetched, me);
      const recordedAt = actionTime(dto.recordedAt, receivedAt);
      const scan = classifyScan({
        route,
        counted: run.scannedIds,
        code: dto.checkpointCode,
        location: dto.location,
      });
      const checkpoint = scan.checkpoint;
      const stored = { id: randomUUID() };
      PatrolScans.deferInsert(uow, [
        stored.id,
        run.id,
        checkpoint?.id ?? null,
        dto.checkpointCode,
        scan.result,
        dto.location ? JSON.stringify(dto.location) : null,
        scan.distanceM,
        recordedAt,
        receivedAt,
      ]);
      // a phone clock running ahead (up to the 2 min allowed) must not push deadlines out
      const progressAt = recordedAt < receivedAt ? recordedAt : receivedAt;
      const disproved = scan.counts ? this.countProgress(uow, run, checkpoint!.id, progressAt) : null;
      const progress = progressOf(run);
      const streams = [Rooms.siteStaff(run.siteId), Rooms.user(run.guardId)];
      const scanned = uow.append({
        type: PatrolEventTypes.scanned,
        siteId: run.siteId,
        streams,
        occurredAt: recordedAt,
        data: {
          patrolRunId: run.id,
          scanId: stored.id,
          checkpoint: checkpoint ? checkpointRef(checkpoint) : null,
          checkpointCode: dto.checkpointCode,
          result: scan.result,
          progress,
          distanceM: scan.distanceM === null ? null : Math.round(scan.distanceM),
          recordedAt: recordedAt.toISOString(),
          receivedAt: receivedAt.toISOString(),
        },
      });
      const cleared =
        disproved &&
        uow.append({
          type: PatrolEventTypes.timeoutCleared,
          siteId: run.siteId,
          streams,
          occurredAt: recordedAt,
          data: {
            patrolRun: await this.views.run(uow.tx, run),
            reason: 'CHECKPOINT_MISSED',
            missedCheckpoints: this.views.refs(new Map(route.map((c) => [c.id, c])), disproved),
            clearedBy: {
              scanId: stored.id,
              checkpoint: checkpointRef(checkpoint!),
              recordedAt: recordedAt.toISOString(),
            },
          },
        });
      uow.raise(new CheckpointScannedEvent(run.id), cleared ? [scanned, cleared] : scanned);
      return { result: scan.result, progress };
    });
    return outcome.result;
  }

  /**
   * Counts the checkpoint, moves the gap deadline to follow the latest device time, and returns
   * the missed checkpoints of an outstanding CHECKPOINT_MISSED this scan disproves (else null).
   */
  private countProgress(
    uow: UnitOfWork,
    run: PatrolRunEntity,
    checkpointId: string,
    recordedAt: Date,
  ): string[] | null {
    const minuteMs = this.config.PATROL_MINUTE_MS;
    const disproved = scanDisprovesMiss(run.gapAlertBase, recordedAt, run.maxGapMinutes, minuteMs)
      ? (run.gapAlertMissed ?? [])
      : null;
    run.scannedIds = [...run.scannedIds, checkpointId];
    if (recordedAt > run.lastProgressAt) run.lastProgressAt = recordedAt;
    if (disproved) {
      run.gapAlertBase = null;
      run.gapAlertMissed = null;
    }
    PatrolRuns.deferProgress(uow, run);
    if (remainingOf(run).length)
      this.timers.scheduleDeferred(
        uow,
        PatrolTimers.gap,
        run.id,
        gapDeadline(run.lastProgressAt, run.maxGapMinutes, minuteMs),
      );
    else this.timers.cancelDeferred(uow, PatrolTimers.gap, run.id);
    return disproved;
  }
}
