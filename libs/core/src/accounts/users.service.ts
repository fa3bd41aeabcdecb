import { Injectable } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { DataSource, In } from 'typeorm';
import { AuthService } from '../auth/auth.service.js';
import { PasswordHasher } from '../auth/password-hasher.js';
import { AppError } from '../errors/app-error.js';
import { toPage, type Page } from '../http/pagination.js';
import type { CreateUserDto, ListUsersQueryDto, UpdateUserDto } from './dto/user.dto.js';
import { MembershipChangedEvent } from './events/membership-changed.event.js';
import { PasswordChangedEvent } from './events/password-changed.event.js';
import { UserDeactivatedEvent } from './events/user-deactivated.event.js';
import { SiteAssignmentEntity } from './site-assignment.entity.js';
import { KeyedSerializer } from './keyed-serializer.js';
import { assertAnAdminRemains, assertSitesExist, lockUser, type UserView } from './user-locks.js';
import { UserEntity } from './user.entity.js';

export type { UserView } from './user-locks.js';

const isUniqueViolation = (e: unknown): boolean => (e as { code?: string }).code === '23505';

@Injectable()
export class UsersService {
  /** Changes to one user's role, state or sites, one at a time on this node (see setSites). */
  private readonly perUser = new KeyedSerializer();
  constructor(
    private readonly db: DataSource,
    private readonly events: EventBus,
    private readonly auth: AuthService,
    private readonly hasher: PasswordHasher,
  ) {}

  async create(dto: CreateUserDto): Promise<UserView> {
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      const user = await this.db.getRepository(UserEntity).save({
        email: dto.email,
        name: dto.name,
        role: dto.role,
        active: dto.active ?? true,
        passwordHash,
      });
      return this.get(user.id);
    } catch (e) {
      if (isUniqueViolation(e)) throw AppError.conflict('A user with this email already exists');
      throw e;
    }
  }

  async get(id: string): Promise<UserView> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ id });
    if (!user) throw AppError.notFound('User');
    const rows = await this.db
      .getRepository(SiteAssignmentEntity)
      .find({ where: { userId: id }, order: { siteId: 'ASC' } });
    return { ...user, siteIds: rows.map((r) => r.siteId) };
  }

  async list(q: ListUsersQueryDto): Promise<Page<UserView>> {
    const qb = this.db.getRepository(UserEntity).createQueryBuilder('u');
    if (q.role) qb.andWhere('u.role = :role', { role: q.role });
    if (q.siteId)
      qb.andWhere(
        'EXISTS (SELECT 1 FROM site_assignments a WHERE a.user_id = u.id AND a.site_id = :siteId)',
        { siteId: q.siteId },
      );
    if (q.q)
      qb.andWhere('(u.name ILIKE :q OR u.email ILIKE :q)', { q: `%${q.q.replace(/[%_\\]/g, '\\$&')}%` });
    const [users, total] = await qb
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .skip((q.page - 1) * q.pageSize)
      .take(q.pageSize)
      .getManyAndCount();
    const assignments = users.length
      ? await this.db
          .getRepository(SiteAssignmentEntity)
          .find({ where: { userId: In(users.map((u) => u.id)) } })
      : [];
    const items = users.map((u) => ({
      ...u,
      siteIds: assignments
        .filter((a) => a.userId === u.id)
        .map((a) => a.siteId)
        .sort(),
    }));
    return toPage(items, total, q);
  }

  update(id: string, dto: UpdateUserDto): Promise<UserView> {
    return this.perUser.run(id, () => this.applyUpdate(id, dto));
  }

  private async applyUpdate(id: string, dto: UpdateUserDto): Promise<UserView> {
    const patch: Partial<UserEntity> = {};
    if (dto.email !== undefined) patch.email = dto.email;
    if (dto.name !== undefined) patch.name = dto.name;
    if (dto.role !== undefined) patch.role = dto.role;
    if (dto.active !== undefined) patch.active = dto.active;
    if (dto.password !== undefined) patch.passwordHash = await this.hasher.hash(dto.password);
    let before: UserView;
    let epoch: number | undefined;
    try {
      before = await this.db.transaction(async (tx) => {
        // the admins before the user: every transaction takes these locks in the same order
        await assertAnAdminRemains(tx, id, dto);
        const found = await lockUser(tx, id);
        if (Object.keys(patch).length) await tx.getRepository(UserEntity).update({ id }, patch);
        if (dto.active === false || dto.password !== undefined)
          epoch = await this.auth.endAllSessions(id, tx);
        return found;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw AppError.conflict('A user with this email already exists');
      throw e;
    }
    const after = await this.get(id);
    if (before.active && !after.active) this.events.publish(new UserDeactivatedEvent(id, epoch));
    else if (dto.password !== undefined) this.events.publish(new PasswordChangedEvent(id, epoch));
    else if (before.role !== after.role)
      this.events.publish(
        new MembershipChangedEvent(id, after.role, after.siteIds, before.siteIds, before.role),
      );
    return after;
  }

  /**
   * Replaces a user's sites. Concurrent calls for one user are serialised: the user row is locked
   * for the transaction (two deletes and inserts interleaved broke the primary key: 500s), and on
   * this node the calls run one after another, so each MembershipChangedEvent starts from the state
   * the previous one left and the live rooms end equal to the database.
   */
  setSites(id: string, siteIds: string[]): Promise<UserView> {
    return this.perUser.run(id, () => this.replaceSites(id, siteIds));
  }

  private async replaceSites(id: string, siteIds: string[]): Promise<UserView> {
    const wanted = [...new Set(siteIds)].sort();
    const before = await this.db.transaction(async (tx) => {
      const found = await lockUser(tx, id);
      await assertSitesExist(tx, wanted);
      await tx.getRepository(SiteAssignmentEntity).delete({ userId: id });
      if (wanted.length)
        await tx.getRepository(SiteAssignmentEntity).insert(wanted.map((siteId) => ({ userId: id, siteId })));
      return found;
    });
    const after = await this.get(id);
    this.events.publish(
      new MembershipChangedEvent(id, after.role, after.siteIds, before.siteIds, before.role),
    );
    return after;
  }
}
