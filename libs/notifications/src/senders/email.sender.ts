import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppConfig } from '#core';
import type { DeliveryJob } from '../deliveries/delivery.repository.js';
import { messageText } from '../domain/message-text.js';
import { errorText, type Sender, type SendOutcome } from './sender.js';

/** Mails the event to the channel's addresses over SMTP_URL: a summary line and the envelope. */
@Injectable()
export class EmailSender implements Sender, OnApplicationShutdown {
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {}

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  async send(job: DeliveryJob): Promise<SendOutcome> {
    if (!this.config.SMTP_URL) return { ok: false, retry: false, error: 'SMTP_URL is not set' };
    // Bounded well inside the delivery lease, so no other node claims a mail still being sent.
    this.transport ??= nodemailer.createTransport({
      url: this.config.SMTP_URL,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 15_000,
    });
    const text = messageText(job.eventType, job.envelope.data);
    try {
      await this.transport.sendMail({
        from: this.config.SMTP_FROM,
        to: Array.isArray(job.target) ? job.target : [String(job.target)],
        subject: `[PatrolShield] ${text.title}`,
        text: `${text.body}\n\nEvent ${job.eventType} at ${job.envelope.occurredAt}\n\n${JSON.stringify(job.envelope, null, 2)}\n`,
        headers: { 'X-PatrolShield-Event': job.eventType, 'X-PatrolShield-Delivery': job.id },
      });
      return { ok: true };
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      // 5xx SMTP replies are permanent (bad recipient, refused); anything else may pass later.
      return { ok: false, retry: !(code && code >= 500), error: errorText(e) };
    }
  }
}
