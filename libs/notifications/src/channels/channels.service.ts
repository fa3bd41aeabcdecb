import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, toPage, type PageQueryDto } from '#core';
import type { CreateChannelDto, UpdateChannelDto } from './channel.dto.js';
import { ChannelRepository, type Channel, type ChannelFields } from './channel.repository.js';
import { ChannelTargets } from './channel-targets.js';

/** Admin management of notification channels; a webhook's secret is answered once, at creation. */
@Injectable()
export class ChannelsService {
  constructor(
    private readonly channels: ChannelRepository,
    private readonly targets: ChannelTargets,
  ) {}

  async create(dto: CreateChannelDto): Promise<Channel & { secret?: string }> {
    this.targets.requireConfigured(dto.kind);
    const fields: ChannelFields = {
      name: dto.name,
      kind: dto.kind,
      target: await this.targets.normalise(dto.kind, dto.target),
      siteIds: dto.siteIds ?? null,
      events: [...new Set(dto.events)],
      minLevel: dto.minLevel ?? 1,
    };
    if (dto.kind !== 'webhook') return this.channels.create(fields, null);
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    return { ...(await this.channels.create(fields, secret)), secret };
  }

  async update(id: string, dto: UpdateChannelDto): Promise<Channel> {
    const current = await this.get(id);
    if (dto.kind !== undefined && dto.kind !== current.kind)
      throw AppError.validation(
        [{ field: 'kind', constraints: { kind: 'kind cannot change; create another channel' } }],
        'kind cannot change',
      );
    const updated = await this.channels.update(id, {
      name: dto.name ?? current.name,
      kind: current.kind,
      target:
        dto.target === undefined ? current.target : await this.targets.normalise(current.kind, dto.target),
      siteIds: dto.siteIds === undefined ? current.siteIds : dto.siteIds,
      events: dto.events ? [...new Set(dto.events)] : current.events,
      minLevel: dto.minLevel ?? current.minLevel,
    });
    if (!updated) throw AppError.notFound('Notification channel');
    return updated;
  }

  async get(id: string): Promise<Channel> {
    const channel = await this.channels.get(id);
    if (!channel) throw AppError.notFound('Notification channel');
    return channel;
  }

  async list(q: PageQueryDto) {
    const { items, total } = await this.channels.list((q.page - 1) * q.pageSize, q.pageSize);
    return toPage(items, total, q);
  }

  async remove(id: string): Promise<void> {
    if (!(await this.channels.remove(id))) throw AppError.notFound('Notification channel');
  }
}
