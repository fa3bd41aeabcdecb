import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { isDependencyDown, rootLogger } from '#core';
import { activePanicsByGuard } from '#panic';
import { Publisher } from '#realtime';
import { DataSource } from 'typeorm';

const CONTROL = 'ps:active-panic';
/** Every node re-reads the active panics this often: a missed control message heals by then. */
const RESYNC_MS = 5000;

/**
 * Which guards have an active panic, in memory on every node: the location hot path asks it per fix
 * (a Map lookup, no query). Kept by the panic events on the node that handled them, told to the other
 * nodes at once, and re-read from PostgreSQL every few seconds.
 */
@Injectable()
export class ActivePanics implements OnApplicationBootstrap, OnApplicationShutdown {
  private byGuard = new Map<string, string>();
  /** Changes heard while a re-read is in flight: applied over its (possibly older) rows. */
  private heardDuringResync?: Map<string, string | null>;
  private interval?: NodeJS.Timeout;
  private readonly log = rootLogger().child({ context: 'active-panics' });

  constructor(
    private readonly db: DataSource,
    private readonly publisher: Publisher,
  ) {
    this.publisher.onControl(CONTROL, (guardId, panicId) =>
      this.apply(String(guardId), typeof panicId === 'string' ? panicId : null),
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.resync();
    this.interval = setInterval(() => void this.resync(), RESYNC_MS);
    this.interval.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.interval);
  }

  /** The active panic of a guard, if any. */
  of(guardId: string): string | undefined {
    return this.byGuard.get(guardId);
  }

  /** A panic began (panicId) or ended (null) here: remember it and tell the other nodes. */
  changed(guardId: string, panicId: string | null): void {
    this.apply(guardId, panicId);
    this.publisher.toOtherNodes(CONTROL, guardId, panicId);
  }

  private apply(guardId: string, panicId: string | null): void {
    this.heardDuringResync?.set(guardId, panicId);
    if (panicId) this.byGuard.set(guardId, panicId);
    else this.byGuard.delete(guardId);
  }

  private async resync(): Promise<void> {
    if (this.heardDuringResync) return; // one re-read at a time
    const heard = (this.heardDuringResync = new Map<string, string | null>());
    try {
      const rows = await activePanicsByGuard(this.db);
      const fresh = new Map(rows.map((r) => [r.guardId, r.panicId]));
      for (const [guardId, panicId] of heard)
        if (panicId) fresh.set(guardId, panicId);
        else fresh.delete(guardId);
      this.byGuard = fresh;
    } catch (e) {
      if (!isDependencyDown(e)) this.log.error({ err: e }, 'reading active panics failed');
    } finally {
      this.heardDuringResync = undefined;
    }
  }
}
