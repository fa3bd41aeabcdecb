import type { BackupCandidate } from '../../domain/backup.js';

/** Ask the guards near a panic for backup (server-side: dispatched when a panic is raised). */
export class RequestBackupCommand {
  constructor(
    readonly panicId: string,
    readonly siteId: string,
    readonly nearby: readonly BackupCandidate[],
  ) {}
}
