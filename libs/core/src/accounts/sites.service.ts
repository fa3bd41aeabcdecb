import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { AppError } from '../errors/app-error.js';
import { toPage, type Page, type PageQueryDto } from '../http/pagination.js';
import type { CreateSiteDto, UpdateSiteDto } from './dto/site.dto.js';
import { SiteCreatedEvent } from './events/site-created.event.js';
import { SiteEntity } from './site.entity.js';

@Injectable()
export class SitesService {
  constructor(
    private readonly db: DataSource,
    private readonly events: EventBus,
  ) {}

  async create(dto: CreateSiteDto): Promise<SiteEntity> {
    const site = await this.db
      .getRepository(SiteEntity)
      .save({ name: dto.name, timezone: dto.timezone ?? 'UTC', geofence: dto.geofence ?? null });
    this.events.publish(new SiteCreatedEvent(site.id));
    return site;
  }

  /** Admins see every site; everyone else the sites they are assigned to. */
  async list(principal: Principal, q: PageQueryDto): Promise<Page<SiteEntity>> {
    const qb = this.db.getRepository(SiteEntity).createQueryBuilder('s');
    if (principal.role !== 'admin')
      qb.where('s.id IN (SELECT site_id FROM site_assignments WHERE user_id = :uid)', {
        uid: principal.userId,
      });
    const [items, total] = await qb
      .orderBy('s.name', 'ASC')
      .addOrderBy('s.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    return toPage(items, total, q);
  }

  async get(principal: Principal, id: string): Promise<SiteEntity> {
    const site = await this.db.getRepository(SiteEntity).findOneBy({ id });
    if (!site || (principal.role !== 'admin' && !principal.siteIds.includes(id)))
      throw AppError.notFound('Site');
    return site;
  }

  async update(id: string, dto: UpdateSiteDto): Promise<SiteEntity> {
    const repo = this.db.getRepository(SiteEntity);
    const site = await repo.findOneBy({ id });
    if (!site) throw AppError.notFound('Site');
    const patch: Partial<SiteEntity> = {};
    if (dto.name !== undefined) patch.name = dto.name;
    if (dto.timezone !== undefined) patch.timezone = dto.timezone;
    if (dto.geofence !== undefined) patch.geofence = dto.geofence;
    if (dto.active !== undefined) patch.active = dto.active;
    if (Object.keys(patch).length) await repo.update({ id }, patch);
    return (await repo.findOneBy({ id }))!;
  }
}
