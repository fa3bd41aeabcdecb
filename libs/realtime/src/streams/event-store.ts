import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
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

/**
 * The durable event log. Appends run in the caller's transaction: the upsert on the stream head
 * locks that row until commit, so seq is gap-free and never reused even under concurrency.
 */
@Injectable()
export class EventStore {
  constructor(private readonly db: DataSource) {}

  async append(tx: EntityManager, actor: Actor, event: NewEvent): Promise<Envelope[]> {
    const id = randomUUID();
    const occurredAt = (event.occurredAt ?? new Date()).toISOString();
    const streams = [...new Set(event.streams)].sort(); // one lock order everywhere: no deadlocks
    // One round trip for every stream of the event: the upsert locks each head row (in sorted
    // order) until commit and hands out head + 1; the events are inserted from those rows.
    const rows = (await tx.query(
      `WITH heads AS (
         INSERT INTO stream_heads (stream, head) SELECT unnest($1::text[]), 1
         ON CONFLICT (stream) DO UPDATE SET head = stream_heads.head + 1
         RETURNING stream, head)
       INSERT INTO stream_events (stream, seq, event_id, type, site_id, actor, data, occurred_at)
       SELECT stream, head, $2::uuid, $3::text, $4::uuid, $5::jsonb, $6::jsonb, $7::timestamptz FROM heads
       RETURNING stream, seq`,
      [streams, id, event.type, event.siteId, JSON.stringify(actor), JSON.stringify(event.data), occurredAt],
    )) as { stream: string; seq: string }[];
    const seqOf = new Map(rows.map((r) => [r.stream, Number(r.seq)]));
    const out: Envelope[] = streams.map((stream) => ({
      id,
      type: event.type,
      stream,
      seq: seqOf.get(stream)!,
      siteId: event.siteId,
      occurredAt,
      actor,
      data: event.data,
    }));
    return out;
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

  async pruneOlderThan(cutoff: Date): Promise<number> {
    const res = (await this.db.query('DELETE FROM stream_events WHERE recorded_at < $1', [cutoff])) as [
      unknown,
      number,
    ];
    return res[1] ?? 0;
  }
}
