import { Injectable } from '@nestjs/common';
import { AppError, type Principal } from '#core';
import { DataSource, type EntityManager } from 'typeorm';
import { SYSTEM_ACTOR, type Actor, type Envelope, type NewEvent } from '../contract/envelope.js';
import { EventStore } from './event-store.js';

/** The transaction of one command: state changes and the durable events they cause. */
export class UnitOfWork {
  readonly envelopes: Envelope[] = [];
  constructor(
    readonly tx: EntityManager,
    readonly actor: Actor,
    private readonly store: EventStore,
  ) {}

  /** Appends an event to its streams (seq assigned now, delivered after commit). */
  async append<T>(event: NewEvent<T>): Promise<Envelope<T>[]> {
    const envs = (await this.store.append(this.tx, this.actor, event)) as Envelope<T>[];
    this.envelopes.push(...envs);
    return envs;
  }
}

export interface CommandContext {
  principal: Principal;
  command: string;
  clientEventId?: string;
}

export interface CommandOutcome<R> {
  result: R;
  envelopes: Envelope[];
  /** True when this is a retry answered from the idempotency record: nothing happened again. */
  replayed: boolean;
}

export const actorOf = (p: Principal): Actor => ({ userId: p.userId, role: p.role, name: p.name });

/**
 * Runs a command in one transaction: idempotency key, rules and state changes, appended events and
 * the stored result commit together, so a retry with the same clientEventId returns the first
 * result and has no second effect, across restarts and nodes.
 */
@Injectable()
export class CommandRunner {
  constructor(
    private readonly db: DataSource,
    private readonly store: EventStore,
  ) {}

  async run<R>(ctx: CommandContext, work: (uow: UnitOfWork) => Promise<R>): Promise<CommandOutcome<R>> {
    return this.db.transaction(async (tx) => {
      if (ctx.clientEventId) {
        const inserted = (await tx.query(
          `INSERT INTO idempotency_keys (user_id, client_event_id, command) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING command`,
          [ctx.principal.userId, ctx.clientEventId, ctx.command],
        )) as unknown[];
        if (!inserted.length) return this.replay<R>(tx, ctx);
      }
      const uow = new UnitOfWork(tx, actorOf(ctx.principal), this.store);
      const result = await work(uow);
      if (ctx.clientEventId)
        await tx.query(
          'UPDATE idempotency_keys SET result = $3 WHERE user_id = $1 AND client_event_id = $2',
          [ctx.principal.userId, ctx.clientEventId, JSON.stringify(result ?? null)],
        );
      return { result, envelopes: uow.envelopes, replayed: false };
    });
  }

  /** Work done by the server itself (timers, escalations): same transaction rules, system actor. */
  async runSystem<R>(
    work: (uow: UnitOfWork) => Promise<R>,
    actor: Actor = SYSTEM_ACTOR,
  ): Promise<CommandOutcome<R>> {
    return this.db.transaction(async (tx) => {
      const uow = new UnitOfWork(tx, actor, this.store);
      const result = await work(uow);
      return { result, envelopes: uow.envelopes, replayed: false };
    });
  }

  private async replay<R>(tx: EntityManager, ctx: CommandContext): Promise<CommandOutcome<R>> {
    const [row] = (await tx.query(
      'SELECT command, result FROM idempotency_keys WHERE user_id = $1 AND client_event_id = $2',
      [ctx.principal.userId, ctx.clientEventId],
    )) as { command: string; result: R }[];
    if (row.command !== ctx.command)
      throw AppError.conflict(`clientEventId was already used for ${row.command}`, {
        field: 'clientEventId',
      });
    return { result: row.result, envelopes: [], replayed: true };
  }

  async pruneKeysOlderThan(cutoff: Date): Promise<void> {
    await this.db.query('DELETE FROM idempotency_keys WHERE created_at < $1', [cutoff]);
  }
}
