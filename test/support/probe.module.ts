import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageBody, SubscribeMessage } from '@nestjs/websockets';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
} from 'class-validator';
import type { DurableEventName } from '../../libs/contract/src/index.js';
import { offContractEvent } from './off-contract-event.js';
import type { Principal } from '../../libs/core/src/index.js';
import {
  CommandDto,
  CommandRunner,
  Publisher,
  RealtimeGateway,
  WsPrincipal,
  WsRoles,
} from '../../libs/realtime/src/index.js';
import type { TestApp } from './test-app.js';

/**
 * TEST-ONLY. A gateway that appends a `probe` event to arbitrary streams through the real
 * CommandRunner and Publisher, so the realtime core (rooms, seqs, sync, idempotency) can be proven
 * before any feature module exists. Passed to startTestApp as an extra module; never in product code.
 */

/** The probe's durable event: outside the contract on purpose (no client ever receives it). */
export const PROBE_EVENT = 'probe' as DurableEventName;

const STREAM = /^(user:[0-9a-f-]{36}|site:[0-9a-f-]{36}:(staff|guards))$/;

export class ProbeEmitDto extends CommandDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Matches(STREAM, { each: true })
  streams: string[];

  @IsOptional() @IsUUID() siteId?: string;
  @IsOptional() @IsString() @MaxLength(200) note?: string;
}

export class ProbeNoopDto extends CommandDto {}

export interface ProbeResult {
  eventIds: string[];
  seqs: Record<string, number>;
  count: number;
}

@RealtimeGateway()
export class ProbeGateway {
  constructor(
    private readonly runner: CommandRunner,
    private readonly publisher: Publisher,
    private readonly db: DataSource,
  ) {}

  @SubscribeMessage('probe_emit')
  @WsRoles('supervisor', 'manager', 'admin')
  async emit(@WsPrincipal() me: Principal, @MessageBody() dto: ProbeEmitDto): Promise<ProbeResult> {
    const outcome = await this.runner.run(
      { principal: me, command: 'probe_emit', clientEventId: dto.clientEventId },
      async (uow) => ({
        eventId: uow.append(
          offContractEvent(PROBE_EVENT, dto.siteId ?? null, dto.streams, { note: dto.note ?? null }),
        ),
      }),
    );
    this.publisher.publish(outcome.envelopes);
    // Where the event landed, read back from the log (the same answer for a replayed retry).
    const rows = (await this.db.query('SELECT stream, seq FROM stream_events WHERE event_id = $1', [
      outcome.result.eventId,
    ])) as { stream: string; seq: string }[];
    return {
      eventIds: [outcome.result.eventId],
      seqs: Object.fromEntries(rows.map((r) => [r.stream, Number(r.seq)])),
      count: rows.length,
    };
  }

  /** Another idempotent command with no effect: reusing a probe_emit clientEventId here must conflict. */
  @SubscribeMessage('probe_noop')
  async noop(@WsPrincipal() me: Principal, @MessageBody() dto: ProbeNoopDto) {
    const outcome = await this.runner.run(
      { principal: me, command: 'probe_noop', clientEventId: dto.clientEventId },
      async () => ({ done: true }),
    );
    return outcome.result;
  }

  /** A command whose work hits a database error: the client must see INTERNAL, never the SQL. */
  @SubscribeMessage('probe_fail')
  async fail(@WsPrincipal() me: Principal, @MessageBody() dto: ProbeNoopDto) {
    await this.runner.run({ principal: me, command: 'probe_fail', clientEventId: dto.clientEventId }, (uow) =>
      uow.tx.query('SELECT secret_column FROM no_such_table_probe WHERE password = $1', ['hunter2']),
    );
    return {};
  }
}

@Module({ providers: [ProbeGateway] })
export class ProbeModule {}

/** Stored effect counter: distinct probe events in the log (one event may sit on several streams). */
export async function probeEventCount(t: TestApp): Promise<number> {
  const [{ n }] = (await t.db.query(
    `SELECT count(DISTINCT event_id)::int AS n FROM stream_events WHERE type = 'probe'`,
  )) as { n: number }[];
  return n;
}

/** Stored seqs of one stream, ascending. */
export async function storedSeqs(t: TestApp, stream: string): Promise<number[]> {
  const rows = (await t.db.query('SELECT seq FROM stream_events WHERE stream = $1 ORDER BY seq', [
    stream,
  ])) as { seq: string }[];
  return rows.map((r) => Number(r.seq));
}

/** Probe envelopes a socket received, optionally of one stream. */
export const probesOf = (received: { event: string; data: any }[], stream?: string): any[] =>
  received
    .filter((r) => r.event === 'probe' && (stream === undefined || r.data?.stream === stream))
    .map((r) => r.data);
