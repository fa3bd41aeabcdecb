import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { AppConfig, AppError, ROLES } from '#core';
import type { ChannelKind } from '../domain/channel-rules.js';
import { checkedAddresses, TargetRefusedError } from '../senders/target-guard.js';

const refuse = (field: string, message: string): AppError =>
  AppError.validation([{ field, constraints: { [field]: message } }], message);

/** The setting a kind of channel or device needs, or null when it is configured. */
export function missingSetting(config: AppConfig, kind: ChannelKind): string | null {
  if (kind === 'email') return config.SMTP_URL ? null : 'SMTP_URL';
  if (kind === 'webpush')
    return config.VAPID_PUBLIC_KEY && config.VAPID_PRIVATE_KEY ? null : 'VAPID_PUBLIC_KEY';
  if (kind === 'fcm') return config.FCM_SERVICE_ACCOUNT_FILE ? null : 'FCM_SERVICE_ACCOUNT_FILE';
  return null;
}

/**
 * Checks a channel's target for its kind and returns it normalised: a webhook URL whose host resolves
 * to addresses the target guard allows, a list of email addresses, or a list of roles.
 */
@Injectable()
export class ChannelTargets {
  constructor(private readonly config: AppConfig) {}

  requireConfigured(kind: ChannelKind, field = 'kind'): void {
    const missing = missingSetting(this.config, kind);
    if (missing) throw refuse(field, `${kind} is not configured on this server: set ${missing}`);
  }

  async normalise(kind: ChannelKind, target: unknown): Promise<string | string[]> {
    if (kind === 'webhook') return this.webhookUrl(target);
    const list = typeof target === 'string' ? target.split(',').map((s) => s.trim()) : target;
    if (!Array.isArray(list) || !list.length || list.length > 50 || list.some((x) => typeof x !== 'string'))
      throw refuse('target', `target must be a list of ${kind === 'email' ? 'email addresses' : 'roles'}`);
    const items = [...new Set(list as string[])];
    if (kind === 'email') {
      const bad = items.find((a) => !isEmail(a));
      if (bad !== undefined) throw refuse('target', `target: ${JSON.stringify(bad)} is not an email address`);
    } else {
      const bad = items.find((r) => !(ROLES as readonly string[]).includes(r));
      if (bad !== undefined) throw refuse('target', `target: ${JSON.stringify(bad)} is not a role`);
    }
    return items;
  }

  /** A Web Push endpoint passes the same address guard as a webhook (a browser supplied it). */
  async pushEndpoint(endpoint: string): Promise<void> {
    await this.guardedUrl('subscription.endpoint', endpoint);
  }

  async webhookUrl(target: unknown): Promise<string> {
    return this.guardedUrl('target', target);
  }

  private async guardedUrl(field: string, target: unknown): Promise<string> {
    let url: URL;
    try {
      if (typeof target !== 'string' || target.length > 2000) throw new Error();
      url = new URL(target);
    } catch {
      throw refuse(field, `${field} must be an http(s) URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw refuse(field, `${field} must be an http(s) URL`);
    if (url.username || url.password) throw refuse(field, `${field} must not carry credentials`);
    try {
      await checkedAddresses(url.hostname, this.config.NOTIFY_ALLOW_PRIVATE_TARGETS);
    } catch (e) {
      if (e instanceof TargetRefusedError) throw refuse(field, `${field} refused: ${e.message}`);
      throw e;
    }
    return url.toString();
  }
}
