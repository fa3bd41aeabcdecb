import { Injectable } from '@nestjs/common';
import { AppConfig } from '#core';
import type { DeliveryJob } from '../deliveries/delivery.repository.js';
import { messageText } from '../domain/message-text.js';
import { FcmCredentials } from './fcm-credentials.js';
import { guardedPost } from './guarded-post.js';
import { errorText, httpOutcome, type Sender, type SendOutcome } from './sender.js';

/** An FCM error answer that means the token will never work again: the device is removed. */
function unregistered(status: number, body: string): boolean {
  if (status !== 404 && status !== 400) return false;
  try {
    const err = (JSON.parse(body) as { error?: { status?: string; details?: { errorCode?: string }[] } })
      .error;
    return (err?.details ?? []).some((d) => d.errorCode === 'UNREGISTERED');
  } catch {
    return false;
  }
}

/** FCM HTTP v1 `messages:send` to one registered Android device (FCM_SERVICE_ACCOUNT_FILE). */
@Injectable()
export class FcmSender implements Sender {
  private credentials?: FcmCredentials;

  constructor(private readonly config: AppConfig) {}

  async send(job: DeliveryJob): Promise<SendOutcome> {
    const file = this.config.FCM_SERVICE_ACCOUNT_FILE;
    if (!file) return { ok: false, retry: false, error: 'FCM_SERVICE_ACCOUNT_FILE is not set' };
    try {
      this.credentials ??= new FcmCredentials(file);
      const token = await this.credentials.accessToken();
      const text = messageText(job.eventType, job.envelope.data);
      const e = job.envelope;
      const body = JSON.stringify({
        message: {
          token: job.deviceAddress,
          notification: { title: text.title, body: text.body },
          data: { eventId: e.id, type: e.type, siteId: e.siteId ?? '', deliveryId: job.id },
          android: { priority: 'HIGH' },
        },
      });
      const url = `${this.config.FCM_ENDPOINT.replace(/\/$/, '')}/v1/projects/${encodeURIComponent(this.credentials.projectId)}/messages:send`;
      const answer = await guardedPost(
        url,
        body,
        { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        // The endpoint is the operator's setting, not user input: private addresses are fine.
        { allowPrivate: true, timeoutMs: 10_000, maxAnswerBytes: 8192 },
      );
      if (unregistered(answer.status, answer.body))
        return {
          ok: false,
          retry: false,
          httpStatus: answer.status,
          error: 'token unregistered',
          dropDevice: true,
        };
      return httpOutcome(answer.status, answer.body);
    } catch (err) {
      return { ok: false, retry: true, error: errorText(err) };
    }
  }
}
