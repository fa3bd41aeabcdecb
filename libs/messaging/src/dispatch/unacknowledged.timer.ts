import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ActiveShifts } from '#attendance';
import { AppConfig } from '#core';
import { Rooms, TimerPoller, TimerService, type DueTimer, type UnitOfWork } from '#realtime';
import type { EntityManager } from 'typeorm';
import { missingAcknowledgements } from '../domain/message-rules.js';
import { OrderUnacknowledgedEvent } from '../events/message-events.js';
import { findMessage, type MessageView } from '../persistence/message.repository.js';

export const MESSAGE_ACK_TIMER = 'message.unacknowledged';

/**
 * The deadline of a dispatch order: a timer row written with the message (so it survives restarts
 * and fires once across nodes, claimed by the TimerPoller), cancelled when the order is deleted.
 * When it fires, site staff hear which guards on shift at the site have not acknowledged.
 */
@Injectable()
export class UnacknowledgedOrderTimer implements OnModuleInit {
  constructor(
    private readonly config: AppConfig,
    private readonly timers: TimerService,
    private readonly poller: TimerPoller,
  ) {}

  onModuleInit(): void {
    this.poller.register(MESSAGE_ACK_TIMER, (uow, timer) => this.fire(uow, timer));
  }

  /** Arms the order's deadline, written by the command's final statement with the message. */
  scheduleDeferred(uow: UnitOfWork, message: MessageView): void {
    const dueAt = new Date(new Date(message.createdAt).getTime() + this.config.MESSAGE_ACK_TIMEOUT_S * 1000);
    this.timers.scheduleDeferred(uow, MESSAGE_ACK_TIMER, message.id, dueAt);
  }

  async cancel(tx: EntityManager, messageId: string): Promise<void> {
    await this.timers.cancel(tx, MESSAGE_ACK_TIMER, messageId);
  }

  private async fire(uow: UnitOfWork, timer: DueTimer): Promise<void> {
    const message = await findMessage(uow.tx, timer.ref, true);
    if (!message || message.deletedAt || !message.siteId) return;
    const missing = missingAcknowledgements(
      await ActiveShifts.guardIdsAt(uow.tx, message.siteId),
      message.acknowledgedBy,
    );
    if (!missing.length) return;
    const appended = uow.append({
      type: 'message_unacknowledged',
      siteId: message.siteId,
      streams: [Rooms.siteStaff(message.siteId)],
      data: { message, missing },
    });
    uow.raise(new OrderUnacknowledgedEvent(message.conversationId), appended);
  }
}
