import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { panicReceiptsOf } from '#panic';
import { isDeviceKind, type ChannelKind } from '../domain/channel-rules.js';
import { DeviceRepository } from '../devices/device.repository.js';
import { EmailSender } from '../senders/email.sender.js';
import { FcmSender } from '../senders/fcm.sender.js';
import type { Sender, SendOutcome } from '../senders/sender.js';
import { WebhookSender } from '../senders/webhook.sender.js';
import { WebPushSender } from '../senders/webpush.sender.js';
import type { DeliveryJob } from './delivery.repository.js';

export interface Verdict {
  outcome: SendOutcome;
  /** Not sent, and rightly so (the device is gone, the user saw it live): no retry. */
  skipped?: boolean;
  /** Not yet: the panic's receipt window is still open. */
  postponeUntil?: Date;
}

const skip = (error: string): Verdict => ({ outcome: { ok: false, retry: false, error }, skipped: true });
const GATE_RECHECK_MS = 1000;

/** Sends one claimed delivery with the sender of its kind, after the checks that may skip it. */
@Injectable()
export class DeliveryDispatcher {
  private readonly senders: Record<ChannelKind, Sender>;

  constructor(
    private readonly db: DataSource,
    private readonly devices: DeviceRepository,
    webhook: WebhookSender,
    email: EmailSender,
    webpush: WebPushSender,
    fcm: FcmSender,
  ) {
    this.senders = { webhook, email, webpush, fcm };
  }

  async dispatch(job: DeliveryJob): Promise<Verdict> {
    if (isDeviceKind(job.kind) && !job.deviceId) return skip('device unregistered');
    if (job.gatePanicId) {
      const gate = await this.panicGate(job);
      if (gate) return gate;
    }
    const outcome = await this.senders[job.kind].send(job);
    if (!outcome.ok && outcome.dropDevice && job.deviceId) await this.devices.remove(job.deviceId);
    return { outcome };
  }

  /**
   * Level 1 reaches a user's devices only when none of the user's sockets confirmed the alert within
   * the receipt window, and only while nobody has acknowledged it yet.
   */
  private async panicGate(job: DeliveryJob): Promise<Verdict | null> {
    const r = await panicReceiptsOf(this.db, job.gatePanicId!);
    if (!r) return skip('panic no longer exists');
    if (r.pending) return { outcome: { ok: true }, postponeUntil: new Date(Date.now() + GATE_RECHECK_MS) };
    if (r.status !== 'RAISED') return skip(`panic already ${r.status.toLowerCase()}`);
    if (job.userId && r.confirmedBy.includes(job.userId)) return skip('received on a live socket');
    return null;
  }
}
