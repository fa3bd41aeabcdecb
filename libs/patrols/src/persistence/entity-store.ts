import type { EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';

/** The plain reads and writes of an entity with a uuid `id` and a `createdAt`, by its TypeORM repository. */
export function entityStore<E extends ObjectLiteral & { id: string; createdAt: Date }>(
  target: EntityTarget<E>,
) {
  const byId = (id: string) => ({ id }) as FindOptionsWhere<E>;
  return {
    find: (tx: EntityManager, id: string): Promise<E | null> => tx.getRepository(target).findOneBy(byId(id)),
    /** Row-locked for a change, or null. */
    lock: (tx: EntityManager, id: string): Promise<E | null> =>
      tx.getRepository(target).findOne({ where: byId(id), lock: { mode: 'pessimistic_write' } }),
    insert: (tx: EntityManager, row: Omit<E, 'id' | 'createdAt'>): Promise<E> => {
      const repo = tx.getRepository(target);
      return repo.save(repo.create(row as unknown as E));
    },
    save: (tx: EntityManager, row: E): Promise<E> => tx.getRepository(target).save(row),
    remove: async (tx: EntityManager, id: string): Promise<void> => {
      await tx.getRepository(target).delete(byId(id));
    },
  };
}
