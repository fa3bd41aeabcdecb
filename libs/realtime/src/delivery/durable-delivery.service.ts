import { Injectable } from '@nestjs/common';
import type { DurableEventName } from '#contract';
import type { Envelope } from '../contract/envelope.js';
import { isStreamName } from '../contract/rooms.js';
import { localSocketsIn } from '../session/local-sockets.js';
import type { PsServer } from '../session/socket-session.js';
import { StreamCursors } from './stream-cursors.js';

/** An emit whose last argument is Socket.IO's ack, called with an error once the timeout passed. */
interface AckedEmit {
  emit(event: string, env: Envelope, ack: (err: unknown) => void): void;
}

/** Receipts wanted for one envelope: devices of this node that confirm it get counted. */
interface ReceiptWatch {
  deadline: number;
  /** Gives up when the envelope never goes out here within the window. */
  timer: NodeJS.Timeout;
  resolve: (userIds: string[]) => void;
}

/**
 * The one door through which durable envelopes reach this node's sockets, whichever path brought
 * them (the local emit after commit, Redis pub/sub from another node, the log follower): per
 * stream in seq order, each once (StreamCursors). A stream is followed while a local socket is in
 * its room; it starts where that socket's handshake read the head (events after it reach the
 * socket live, those before through its `sync`), or at the head the log follower reads.
 */
@Injectable()
export class DurableDelivery {
  private server?: PsServer;
  private readonly cursors = new StreamCursors<Envelope>();
  private readonly watches = new Map<string, ReceiptWatch>();
  private behindListener: (stream: string) => void = () => undefined;

  attach(server: PsServer): void {
    this.server = server;
    const nsp = server.of('/');
    nsp.adapter.on('join-room', (room: string, socketId: string) => {
      if (!isStreamName(room) || this.cursors.cursorOf(room) !== undefined) return;
      this.cursors.follow(room, nsp.sockets.get(socketId)?.data.streamHeads?.[room] ?? null);
      // What committed between that head and now was announced while nobody here followed it.
      this.behindListener(room);
    });
    nsp.adapter.on('delete-room', (room: string) => this.cursors.forget(room));
  }

  /** Called with a stream that has a gap or no starting point yet: the log follower reads it. */
  onBehind(listener: (stream: string) => void): void {
    this.behindListener = listener;
  }

  /** Delivers envelopes from any path; duplicates and early arrivals are sorted out per stream. */
  accept(envelopes: readonly Envelope[]): void {
    for (const env of envelopes) {
      const { ready, gap } = this.cursors.accept(env);
      ready.forEach((e) => this.emit(e));
      if (gap) this.behindListener(env.stream);
    }
  }

  /**
   * Delivers an envelope asking each local device for a receipt; resolves with the user ids that
   * confirmed within `timeoutMs`. Nothing to confirm when no local socket holds the stream. When the
   * envelope already went out by another path (the log follower can be faster than the receipt
   * request from the raising node), it is sent once more with the request while it is still the
   * newest on its stream: clients dedupe by stream and seq, and a receipt never asked for would
   * escalate a panic its staff saw. Once a later seq went out, a resend would reach sockets after
   * it (docs/protocol.md section 8: never n after n+1), so the request confirms nothing here.
   */
  withReceipts(env: Envelope, timeoutMs: number): Promise<string[]> {
    const cursor = this.cursors.cursorOf(env.stream);
    if (cursor === undefined) return Promise.resolve([]);
    if (cursor !== null && env.seq <= cursor)
      return this.server && env.seq === cursor ? this.emitWithReceipts(env, timeoutMs) : Promise.resolve([]);
    const key = `${env.stream}|${env.seq}`;
    const receipts = new Promise<string[]>((resolve) => {
      const timer = setTimeout(() => {
        this.watches.delete(key);
        resolve([]);
      }, timeoutMs);
      this.watches.set(key, { deadline: Date.now() + timeoutMs, timer, resolve });
    });
    this.accept([env]);
    return receipts;
  }

  /** The seq delivered up to (null: not started), undefined for a stream no local socket holds. */
  cursorOf(stream: string): number | null | undefined {
    return this.cursors.cursorOf(stream);
  }

  /** Followed streams and the seq delivered up to, for the log follower's catch-up reads. */
  started(): [string, number][] {
    return this.cursors.started();
  }

  unstarted(): string[] {
    return this.cursors.unstarted();
  }

  start(stream: string, head: number): void {
    this.cursors.start(stream, head);
  }

  skipTo(stream: string, seq: number): void {
    this.cursors.skipTo(stream, seq).forEach((e) => this.emit(e));
  }

  private emit(env: Envelope): void {
    if (!this.server) return;
    const key = `${env.stream}|${env.seq}`;
    const watch = this.watches.get(key);
    if (!watch) return void this.server.local.to(env.stream).emit(env.type as DurableEventName, env as never);
    this.watches.delete(key);
    clearTimeout(watch.timer);
    void this.emitWithReceipts(env, Math.max(0, watch.deadline - Date.now())).then(watch.resolve);
  }

  private async emitWithReceipts(env: Envelope, timeoutMs: number): Promise<string[]> {
    const confirmations = localSocketsIn(this.server!, env.stream).map(
      (s) =>
        new Promise<string | null>((resolve) =>
          (s.timeout(timeoutMs) as unknown as AckedEmit).emit(env.type, env, (err) =>
            resolve(err ? null : s.data.principal.userId),
          ),
        ),
    );
    const ids = (await Promise.all(confirmations)).filter((x): x is string => x !== null);
    return [...new Set(ids)];
  }
}
