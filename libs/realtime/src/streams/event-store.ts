import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { deleteInBatches } from '#core';
import { DataSource } from 'typeorm';
import type { Actor, Envelope, NewEvent } from '../contract/envelope.js';

interface EventRow {
  stream: string;
  seq: string;
  event_id: string;
  type: string;
  site_id: string | null;
  actor: Actor;
  data: unknown;
  occurred_at: Date;
}

const toEnvelope = (r: EventRow): Envelope => ({
  id: r.event_id,
  type: r.type,
  stream: r.stream,
  seq: Number(r.seq),
  siteId: r.site_id,
  occurredAt: r.occurred_at.toISOString(),
  actor: r.actor,
  data: r.data,
});

export interface StreamPage {
  head: number;
  events: Envelope[];
  /** Events between the cursor and the first returned one are gone (retention): reload over REST. */
  truncated: boolean;
  /** More events follow this page: call sync again with the last seq. */
  hasMore: boolean;
}

/** An event a command has appended; it gets its seqs when the transaction flushes. */
export interface PendingEvent {
  id: string;
  actor: Actor;
  event: NewEvent;
  occurredAt: string;
}

/**
 * A write a command hands to the final statement instead of running it on its own round trip.
 * Its SQL numbers its own parameters from $1 (renumbered by a plain text replace: no `$` in its
 * literals). Writes of one transaction must touch distinct rows
 * (they run as sibling CTEs of one statement, on one snapshot) and must not be expected to fail.
 */
/**
 * A value node-postgres always serialises (JSON goes in as a string): a statement sent together
 * with COMMIT must not be refused by the driver before it leaves (see PipelinedTransaction).
 */
export type SqlValue = string | number | boolean | Date | null | readonly string[];

export interface DeferredWrite {
  sql: string;
  params: SqlValue[];
}

/** The stored result of an idempotent command, written by the same statement as its events. */
export interface IdempotentResult {
  userId: string;
  clientEventId: string;
  result: unknown;
}

/**
 * Appends every event of a transaction to all its streams, and stores the command's idempotent
 * result, in one statement. The upsert locks each head row (in sorted order: no deadlocks) until
 * commit and moves it by the number of events for that stream, so seqs are gap-free and never
 * reused under concurrency. Run last, sent together with COMMIT: a site stream's head is then
 * locked inside PostgreSQL for that statement and the commit only, never across a round trip.
 */
const APPEND_SQL = `ev AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS e(ord int, id uuid, type text, site_id uuid,
      actor jsonb, data jsonb, occurred_at timestamptz, streams jsonb)
  ), pairs AS (
    SELECT ev.ord, s.stream FROM ev CROSS JOIN LATERAL jsonb_array_elements_text(ev.streams) AS s(stream)
  ), counts AS (
    SELECT stream, count(*)::bigint AS n FROM pairs GROUP BY stream
  ), heads AS (
    INSERT INTO stream_heads (stream, head) SELECT stream, n FROM counts ORDER BY stream
    ON CONFLICT (stream) DO UPDATE SET head = stream_heads.head + excluded.head
    RETURNING stream, head
  ), numbered AS (
    SELECT p.ord, p.stream, h.head - c.n + row_number() OVER (PARTITION BY p.stream ORDER BY p.ord) AS seq
    FROM pairs p JOIN heads h USING (stream) JOIN counts c USING (stream)
  ), stored_result AS (
    UPDATE idempotency_keys SET result = $2::jsonb WHERE user_id = $3::uuid AND client_event_id = $4::uuid
  )
  INSERT INTO stream_events (stream, seq, event_id, type, site_id, actor, data, occurred_at)
  SELECT n.stream, n.seq, ev.id, ev.type, ev.site_id, ev.actor, coalesce(ev.data, 'null'::jsonb), ev.occurred_at
  FROM numbered n JOIN ev USING (ord)
  RETURNING stream, seq, event_id`;

/** The durable event log: appends run inside the command's transaction (see CommandRunner). */
@Injectable()
export class EventStore {
  constructor(private readonly db: DataSource) {}

  /** Makes an event pending in a transaction; its id is fixed now, its seqs at flush. */
  pending(actor: Actor, event: NewEvent): PendingEvent {
    const streams = [...new Set(event.streams)].sort();
    const occurredAt = (event.occurredAt ?? new Date()).toISOString();
    return { id: randomUUID(), actor, event: { ...event, streams }, occurredAt };
  }

  /**
   * The one statement that runs the deferred `writes`, appends `events` and stores `stored` (any
   * of them may be empty).
   */
  appendStatement(
    events: readonly PendingEvent[],
    stored: IdempotentResult | null,
    writes: readonly DeferredWrite[] = [],
  ): [string, SqlValue[]] {
    const rows = events.map((p, ord) => ({
      ord,
      id: p.id,
      type: p.event.type,
      site_id: p.event.siteId,
      actor: p.actor,
      data: p.event.data ?? null,
      occurred_at: p.occurredAt,
      streams: p.event.streams,
    }));
    const params: SqlValue[] = [
      JSON.stringify(rows),
      stored ? JSON.stringify(stored.result ?? null) : null,
      stored?.userId ?? null,
      stored?.clientEventId ?? null,
    ];
    const ctes = writes.map((w, i) => {
      const offset = params.length;
      params.push(...w.params);
      return `w${i} AS (${w.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`)}), `;
    });
    return [`WITH ${ctes.join('')}${APPEND_SQL}`, params];
  }

  /** The envelopes of appended events, in append order, from the statement's returned rows. */
  envelopes(
    events: readonly PendingEvent[],
    rows: { stream: string; seq: string; event_id: string }[],
  ): Envelope[] {
    const seqOf = new Map(rows.map((r) => [`${r.event_id}|${r.stream}`, Number(r.seq)]));
    return events.flatMap((p) =>
      p.event.streams.map((stream) => ({
        id: p.id,
        type: p.event.type,
        stream,
        seq: seqOf.get(`${p.id}|${stream}`)!,
        siteId: p.event.siteId,
        occurredAt: p.occurredAt,
        actor: p.actor,
        data: p.event.data,
      })),
    );
  }

  async heads(streams: string[]): Promise<Record<string, number>> {
    const result: Record<string, number> = Object.fromEntries(streams.map((s) => [s, 0]));
    if (!streams.length) return result;
    const rows = (await this.db.query('SELECT stream, head FROM stream_heads WHERE stream = ANY($1)', [
      streams,
    ])) as {
      stream: string;
      head: string;
    }[];
    for (const r of rows) result[r.stream] = Number(r.head);
    return result;
  }

  /** Events of one stream after `afterSeq`, in seq order, at most `limit`. */
  async readAfter(stream: string, afterSeq: number, limit: number): Promise<StreamPage> {
    const [{ head }] = await this.heads([stream]).then((h) => [{ head: h[stream] }]);
    if (afterSeq >= head) return { head, events: [], truncated: false, hasMore: false };
    const rows = (await this.db.query(
      `SELECT stream, seq, event_id, type, site_id, actor, data, occurred_at FROM stream_events
        WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [stream, afterSeq, limit],
    )) as EventRow[];
    const events = rows.map(toEnvelope);
    const first = events[0]?.seq;
    const truncated = first === undefined ? true : first > afterSeq + 1;
    const last = events[events.length - 1]?.seq ?? afterSeq;
    return { head, events, truncated, hasMore: last < head && events.length === limit };
  }

  /** Every stream copy of the events of `types` stored in [from, to), oldest first, at most `limit`. */
  async recordedBetween(types: readonly string[], from: Date, to: Date, limit: number): Promise<Envelope[]> {
    const rows = (await this.db.query(
      `SELECT stream, seq, event_id, type, site_id, actor, data, occurred_at FROM stream_events
        WHERE recorded_at >= $1 AND recorded_at < $2 AND type = ANY($3::text[])
        ORDER BY recorded_at, stream, seq LIMIT $4`,
      [from, to, types, limit],
    )) as EventRow[];
    return rows.map(toEnvelope);
  }

  /**
   * For each [stream, afterSeq]: the events after that seq, in seq order, at most `limit` per
   * stream, in one query (the log follower's catch-up read).
   */
  async readAfterEach(cursors: readonly [string, number][], limit: number): Promise<Envelope[]> {
    if (!cursors.length) return [];
    const rows = (await this.db.query(
      `SELECT e.stream, e.seq, e.event_id, e.type, e.site_id, e.actor, e.data, e.occurred_at
         FROM unnest($1::text[], $2::bigint[]) AS c(stream, after)
         CROSS JOIN LATERAL (SELECT * FROM stream_events s WHERE s.stream = c.stream AND s.seq > c.after
                              ORDER BY s.seq LIMIT $3) e
        ORDER BY e.stream, e.seq`,
      [cursors.map(([s]) => s), cursors.map(([, seq]) => seq), limit],
    )) as EventRow[];
    return rows.map(toEnvelope);
  }

  async pruneOlderThan(cutoff: Date): Promise<number> {
    return deleteInBatches(this.db, 'stream_events', 'recorded_at < $1', [cutoff]);
  }
}
