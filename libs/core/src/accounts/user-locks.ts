import { In, type EntityManager } from 'typeorm';
import { AppError } from '../errors/app-error.js';
import { lastAdminProblem } from './admin-rules.js';
import type { UpdateUserDto } from './dto/user.dto.js';
import { SiteAssignmentEntity } from './site-assignment.entity.js';
import { SiteEntity } from './site.entity.js';
import { UserEntity } from './user.entity.js';

export type UserView = Omit<UserEntity, 'passwordHash'> & { siteIds: string[] };

/* The reads and locks of a change to one user, inside its transaction (see UsersService). */

/** Locks the user's row for the transaction and reads the user as it is under that lock. */
export async function lockUser(tx: EntityManager, id: string): Promise<UserView> {
  const user = await tx
    .getRepository(UserEntity)
    .createQueryBuilder('u')
    .setLock('pessimistic_write')
    .where('u.id = :id', { id })
    .getOne();
  if (!user) throw AppError.notFound('User');
  const rows = await tx
    .getRepository(SiteAssignmentEntity)
    .find({ where: { userId: id }, order: { siteId: 'ASC' } });
  return { ...user, siteIds: rows.map((r) => r.siteId) };
}

/** The organisation keeps an active admin: the active admins are locked, then counted. */
export async function assertAnAdminRemains(tx: EntityManager, id: string, dto: UpdateUserDto): Promise<void> {
  if (dto.role === undefined && dto.active === undefined) return;
  const admins = (await tx.query(
    `SELECT id FROM users WHERE role = 'admin' AND active ORDER BY id FOR UPDATE`,
  )) as { id: string }[];
  const problem = lastAdminProblem(
    admins.map((a) => a.id),
    id,
    dto,
  );
  if (problem) throw AppError.conflict(problem);
}

/** Every site id exists, or VALIDATION_FAILED naming the unknown ones. */
export async function assertSitesExist(tx: EntityManager, siteIds: string[]): Promise<void> {
  if (!siteIds.length) return;
  const found = await tx.getRepository(SiteEntity).find({ select: { id: true }, where: { id: In(siteIds) } });
  const missing = siteIds.filter((s) => !found.some((f) => f.id === s));
  if (missing.length)
    throw AppError.validation([
      { field: 'siteIds', constraints: { exists: `unknown site ids: ${missing.join(', ')}` } },
    ]);
}
