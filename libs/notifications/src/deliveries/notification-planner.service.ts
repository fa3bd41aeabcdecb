import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '#core';
import type { Envelope } from '#realtime';
import { ChannelRepository, type Channel } from '../channels/channel.repository.js';
import { DeviceRepository } from '../devices/device.repository.js';
import { channelTakes, eventLevel, isDeviceKind, isNotifiable } from '../domain/channel-rules.js';
import { DeliveryRepository, type NewDelivery } from './delivery.repository.js';
import { DeliveryPoller } from './delivery-poller.service.js';

const USER_STREAM = /^user:([0-9a-f-]{36})$/;
const STAFF_STREAM = /^site:([0-9a-f-]{36}):staff$/;

/**
 * Turns committed safety events into deliveries: every channel whose rules take the event gets one
 * (webhook, email) or one per device of the people it reaches (webpush, fcm: users of the channel's
 * roles who would see the event on a socket). A level-1 panic alert to devices waits for the receipt
 * window and then reaches only users none of whose sockets confirmed it.
 */
@Injectable()
export class NotificationPlanner {
  constructor(
    private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly channels: ChannelRepository,
    private readonly devices: DeviceRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly poller: DeliveryPoller,
  ) {}

  /**
   * Stores the deliveries the events call for (none twice); returns how many were new.
   * `onlyChannelsOlderThanEvent`: re-planning old events, a channel created since does not get them.
   */
  async plan(envelopes: Envelope[], opts: { onlyChannelsOlderThanEvent?: boolean } = {}): Promise<number> {
    const byEvent = new Map<string, Envelope[]>();
    for (const e of envelopes) if (isNotifiable(e.type)) byEvent.set(e.id, [...(byEvent.get(e.id) ?? []), e]);
    const rows: NewDelivery[] = [];
    for (const copies of byEvent.values()) rows.push(...(await this.deliveriesOf(copies, opts)));
    const stored = await this.deliveries.enqueue(rows);
    if (stored) this.poller.poke();
    return stored;
  }

  private async deliveriesOf(
    copies: Envelope[],
    opts: { onlyChannelsOlderThanEvent?: boolean },
  ): Promise<NewDelivery[]> {
    // The copy on a site staff stream is the one an integration expects; per-user copies otherwise.
    const env = copies.find((e) => STAFF_STREAM.test(e.stream)) ?? copies[0];
    const facts = { type: env.type, siteId: env.siteId, level: eventLevel(env.type, env.data) };
    const channels = (await this.channels.subscribedTo(this.db, env.type)).filter(
      (c) => channelTakes(c, facts) && !(opts.onlyChannelsOlderThanEvent && c.createdAt > env.occurredAt),
    );
    const rows: NewDelivery[] = [];
    for (const c of channels) {
      if (!isDeviceKind(c.kind)) rows.push(this.row(c, env, null, null));
      else rows.push(...(await this.deviceRows(c, env, copies)));
    }
    return rows;
  }

  private async deviceRows(c: Channel, env: Envelope, copies: Envelope[]): Promise<NewDelivery[]> {
    const userIds = copies.flatMap((e) => USER_STREAM.exec(e.stream)?.[1] ?? []);
    const staffSites = copies.flatMap((e) => STAFF_STREAM.exec(e.stream)?.[1] ?? []);
    const roles = Array.isArray(c.target) ? c.target : [];
    if (!isDeviceKind(c.kind)) return [];
    const targets = await this.devices.audience(c.kind, roles, userIds, staffSites);
    return targets
      .filter((t) => t.userId !== env.actor.userId) // nobody is told of their own action
      .map((t) => this.row(c, env, t.id, t.userId));
  }

  private row(c: Channel, env: Envelope, deviceId: string | null, userId: string | null): NewDelivery {
    const panicId = (env.data as { panic?: { id?: string } }).panic?.id;
    const gated = env.type === 'panic_alert' && deviceId !== null && !!panicId;
    return {
      channelId: c.id,
      kind: c.kind,
      envelope: env,
      deviceId,
      userId,
      gatePanicId: gated ? panicId! : null,
      notBefore: gated ? new Date(Date.now() + this.config.PANIC_RECEIPT_TIMEOUT_S * 1000) : new Date(),
    };
  }
}
