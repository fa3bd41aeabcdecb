import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { Progress } from '../../domain/patrol-run.js';
import type { ScanResult } from '../../domain/scan-classification.js';
import type { ScanCheckpointDto } from './scan-checkpoint.dto.js';

export interface ScanCheckpointResult {
  result: ScanResult;
  progress: Progress;
}

export class ScanCheckpointCommand extends Command<ScanCheckpointResult> {
  constructor(
    readonly principal: Principal,
    readonly dto: ScanCheckpointDto,
    /** Server receive time, kept beside the device time: when the command was read (WsSender). */
    readonly receivedAt: Date,
  ) {
    super();
  }
}
