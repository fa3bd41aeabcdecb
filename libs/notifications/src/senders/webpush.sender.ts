import { Injectable } from '@nestjs/common';
import webpush, { type PushSubscription } from 'web-push';
import { AppConfig } from '#core';
import type { DeliveryJob } from '../deliveries/delivery.repository.js';
import { messageText } from '../domain/message-text.js';
import { guardedPost } from './guarded-post.js';
import { errorText, httpOutcome, type Sender, type SendOutcome } from './sender.js';
import { TargetRefusedError } from './target-guard.js';

/** Push services keep a message this long for a device that is offline (seconds). */
const TTL_S = 3600;

/**
 * Web Push (RFC 8030/8291) with VAPID: the `web-push` package encrypts the payload for the
 * subscription and signs the VAPID header; the request goes through the same guarded client as
 * webhooks (the endpoint came from a browser). 404/410 mean the subscription is gone: removed.
 */
@Injectable()
export class WebPushSender implements Sender {
  constructor(private readonly config: AppConfig) {}

  async send(job: DeliveryJob): Promise<SendOutcome> {
    const { VAPID_PUBLIC_KEY: publicKey, VAPID_PRIVATE_KEY: privateKey } = this.config;
    if (!publicKey || !privateKey) return { ok: false, retry: false, error: 'VAPID keys are not set' };
    const text = messageText(job.eventType, job.envelope.data);
    const e = job.envelope;
    const payload = JSON.stringify({
      title: text.title,
      body: text.body,
      event: { id: e.id, type: e.type, siteId: e.siteId, occurredAt: e.occurredAt },
      deliveryId: job.id,
    });
    try {
      const req = webpush.generateRequestDetails(job.subscription as PushSubscription, payload, {
        vapidDetails: { subject: this.config.VAPID_SUBJECT, publicKey, privateKey },
        TTL: TTL_S,
        urgency: 'high',
      });
      const answer = await guardedPost(req.endpoint, req.body, req.headers as Record<string, string>, {
        allowPrivate: this.config.NOTIFY_ALLOW_PRIVATE_TARGETS,
        timeoutMs: 10_000,
        maxAnswerBytes: 4096,
      });
      if (answer.status === 404 || answer.status === 410)
        return {
          ok: false,
          retry: false,
          httpStatus: answer.status,
          error: 'subscription expired',
          dropDevice: true,
        };
      return httpOutcome(answer.status, answer.body);
    } catch (err) {
      return { ok: false, retry: !(err instanceof TargetRefusedError), error: errorText(err) };
    }
  }
}
