import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '#core';
import type { DeliveryJob } from '../deliveries/delivery.repository.js';
import { guardedPost } from './guarded-post.js';
import { errorText, httpOutcome, type Sender, type SendOutcome } from './sender.js';
import { TargetRefusedError } from './target-guard.js';

export const WEBHOOK_TIMEOUT_MS = 5000;
const MAX_ANSWER_BYTES = 4096;

/** `sha256=<hex HMAC-SHA256 of the raw body with the channel secret>` */
export const webhookSignature = (body: string, secret: string): string =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

/**
 * POSTs the durable envelope as JSON, signed, to the channel's URL (docs/protocol.md section 10). The
 * delivery id is the same on every retry so receivers can drop duplicates.
 */
@Injectable()
export class WebhookSender implements Sender {
  constructor(private readonly config: AppConfig) {}

  async send(job: DeliveryJob): Promise<SendOutcome> {
    const body = JSON.stringify(job.envelope);
    try {
      const answer = await guardedPost(
        String(job.target),
        body,
        {
          'content-type': 'application/json',
          'user-agent': 'PatrolShield-Webhook/1',
          'x-patrolshield-event': job.eventType,
          'x-patrolshield-delivery': job.id,
          'x-patrolshield-signature': webhookSignature(body, job.secret ?? ''),
        },
        {
          allowPrivate: this.config.NOTIFY_ALLOW_PRIVATE_TARGETS,
          timeoutMs: WEBHOOK_TIMEOUT_MS,
          maxAnswerBytes: MAX_ANSWER_BYTES,
        },
      );
      return httpOutcome(answer.status, answer.body);
    } catch (e) {
      // A refused address stays refused; a network error or timeout may pass.
      return { ok: false, retry: !(e instanceof TargetRefusedError), error: errorText(e) };
    }
  }
}
