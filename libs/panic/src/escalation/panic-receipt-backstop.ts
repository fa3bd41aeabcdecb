import { Injectable, type OnModuleInit } from '@nestjs/common';
import { AppConfig } from '#core';
import { TimerPoller, TimerService, type DueTimer, type UnitOfWork } from '#realtime';
import type { EntityManager } from 'typeorm';
import { appendPanicDelivery } from '../commands/record-panic-delivery/append-panic-delivery.js';
import { escalationOnReceipts } from '../domain/escalation.js';
import { lockPanic } from '../persistence/panic.repository.js';
import { PANIC_RECEIPT_TIMER, PanicEscalation } from './panic-escalation.service.js';

/** Slack after the receipt window before the backstop assumes the delivering node died. */
const BACKSTOP_SLACK_MS = 5_000;

/**
 * Receipts are gathered in memory by the node that raised the panic. If that node dies inside the
 * receipt window, this timer row (written with the panic) fires on any node afterwards and treats
 * the panic as unconfirmed: level 2 at once (NO_RECEIPT), and the guard hears confirmedBy 0.
 * Recording the receipts cancels it.
 */
@Injectable()
export class PanicReceiptBackstop implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly timers: TimerService,
    private readonly poller: TimerPoller,
    private readonly escalation: PanicEscalation,
  ) {}

  onModuleInit(): void {
    this.poller.register(PANIC_RECEIPT_TIMER, (uow, timer) => this.onMissedReceipts(uow, timer));
  }

  /** Written by the raise's final statement, with the panic's events. */
  arm(uow: UnitOfWork, panicId: string, guardId: string): void {
    const dueAt = new Date(Date.now() + this.config.PANIC_RECEIPT_TIMEOUT_S * 1000 + BACKSTOP_SLACK_MS);
    this.timers.scheduleDeferred(uow, PANIC_RECEIPT_TIMER, panicId, dueAt, { guardId });
  }

  async disarm(tx: EntityManager, panicId: string): Promise<void> {
    await this.timers.cancel(tx, PANIC_RECEIPT_TIMER, panicId);
  }

  private async onMissedReceipts(uow: UnitOfWork, timer: DueTimer): Promise<void> {
    const panic = await lockPanic(uow.tx, timer.ref);
    if (!panic || panic.status !== 'RAISED' || panic.confirmedBy.length) return;
    const e = escalationOnReceipts({ ...panic, raisedAt: new Date(panic.raisedAt) }, []);
    if (e) await this.escalation.escalate(uow, panic, e);
    appendPanicDelivery(uow, panic, String(timer.payload.guardId), 0);
  }
}
