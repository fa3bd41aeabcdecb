import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '#core';
import { Rooms, TimerPoller, TimerService, type DueTimer, type UnitOfWork } from '#realtime';
import type { EntityManager } from 'typeorm';
import {
  escalationOnDeadline,
  nextDeadline,
  type Escalation,
  type EscalationPolicy,
} from '../domain/escalation.js';
import { PanicEscalatedEvent } from '../events/panic-changed.event.js';
import { PanicEntity } from '../persistence/panic.entity.js';
import { lockPanic } from '../persistence/panic.repository.js';
import type { PanicView } from '../persistence/panic.view.js';

export const PANIC_ESCALATION_TIMER = 'panic.escalation';
/** The receipt backstop's timer kind (see panic-receipt-backstop.ts). */
export const PANIC_RECEIPT_TIMER = 'panic.receipt';

type DeadlineOf = Pick<PanicView, 'id' | 'status' | 'escalationLevel' | 'raisedAt'>;

const AUDIENCE_SQL = {
  SITE_MANAGERS_AND_ADMINS: `SELECT u.id FROM users u JOIN site_assignments a ON a.user_id = u.id
      WHERE a.site_id = $1 AND u.active AND u.role = 'manager'
    UNION SELECT u.id FROM users u WHERE u.active AND u.role = 'admin' AND $1::uuid IS NOT NULL`,
  ALL_MANAGERS_AND_ADMINS: `SELECT u.id FROM users u
      WHERE u.active AND u.role IN ('manager', 'admin') AND $1::uuid IS NOT NULL`,
} as const;

/**
 * Escalation deadlines of panics: scheduled as timer rows in the raise transaction, fired once by
 * the TimerPoller (across restarts and nodes), cancelled by acknowledge and resolve.
 */
@Injectable()
export class PanicEscalation implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly timers: TimerService,
    private readonly poller: TimerPoller,
  ) {}

  onModuleInit(): void {
    this.poller.register(PANIC_ESCALATION_TIMER, (uow, timer) => this.onDeadline(uow, timer));
  }

  get policy(): EscalationPolicy {
    return {
      level2AfterS: this.config.PANIC_ESCALATION_L2_S,
      level3AfterS: this.config.PANIC_ESCALATION_L3_S,
    };
  }

  /** Schedules (or moves) the next deadline of the panic, or clears it when none is due. */
  async scheduleNext(tx: EntityManager, p: DeadlineOf) {
    const next = this.nextOf(p);
    if (next) await this.timers.schedule(tx, PANIC_ESCALATION_TIMER, p.id, next.dueAt, { level: next.level });
    else await this.timers.cancel(tx, PANIC_ESCALATION_TIMER, p.id); // the receipt backstop stays
  }

  /** scheduleNext, written by the command's final statement (raising a panic: a round trip fewer). */
  scheduleNextDeferred(uow: UnitOfWork, p: DeadlineOf): void {
    const next = this.nextOf(p);
    if (next)
      this.timers.scheduleDeferred(uow, PANIC_ESCALATION_TIMER, p.id, next.dueAt, { level: next.level });
    else this.timers.cancelDeferred(uow, PANIC_ESCALATION_TIMER, p.id);
  }

  private nextOf(p: DeadlineOf) {
    return nextDeadline({ ...p, raisedAt: new Date(p.raisedAt) }, this.policy);
  }

  /** Clears every deadline of the panic (escalation, and the receipt backstop: staff have it). */
  async cancel(tx: EntityManager, panicId: string): Promise<void> {
    await this.timers.cancelAll(tx, panicId, [PANIC_ESCALATION_TIMER, PANIC_RECEIPT_TIMER]);
  }

  /** Raises the level, tells the audience on their own streams, schedules the next deadline. */
  async escalate(uow: UnitOfWork, panic: PanicView, e: Escalation): Promise<PanicView> {
    await uow.tx
      .getRepository(PanicEntity)
      .update(panic.id, { escalationLevel: e.level, updatedAt: new Date() });
    const escalated: PanicView = { ...panic, escalationLevel: e.level };
    const rows = (await uow.tx.query(AUDIENCE_SQL[e.audience], [panic.siteId])) as { id: string }[];
    const appended = uow.append({
      type: 'panic_escalated',
      siteId: panic.siteId,
      streams: rows.map((r) => Rooms.user(r.id)),
      data: { panic: escalated, level: e.level, reason: e.reason },
    });
    uow.raise(new PanicEscalatedEvent(panic.id, e.level), appended);
    await this.scheduleNext(uow.tx, escalated);
    return escalated;
  }

  private async onDeadline(uow: UnitOfWork, timer: DueTimer): Promise<void> {
    const panic = await lockPanic(uow.tx, timer.ref);
    if (!panic) return;
    const level = timer.payload.level === 3 ? 3 : 2;
    const e = escalationOnDeadline({ ...panic, raisedAt: new Date(panic.raisedAt) }, level);
    if (e) await this.escalate(uow, panic, e);
    else await this.scheduleNext(uow.tx, panic);
  }
}
