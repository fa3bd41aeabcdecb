import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

export interface Envelope {
  id: string;
  type: string;
  stream: string;
  seq: number;
  data: any;
}

/**
 * A test client that behaves like a careful mobile app: when its node goes away it reconnects to
 * another one, retries each command with the same clientEventId until acknowledged, and catches
 * up on durable events with `sync` from its contiguous cursors after every (re)connect.
 */
export class ResilientClient {
  socket!: Socket;
  readonly events = new Map<string, Envelope>();
  readonly seqs = new Map<string, Set<number>>();
  reconnects = 0;
  attempts = 0;
  private nodeIndex: number;
  private closed = false;
  private connecting?: Promise<void>;

  constructor(
    private readonly urls: string[],
    private readonly token: string,
    startAt = 0,
  ) {
    this.nodeIndex = startAt;
  }

  async connect(): Promise<void> {
    for (let tries = 0; tries < this.urls.length * 10; tries++) {
      const url = this.urls[this.nodeIndex % this.urls.length];
      const socket = io(url, {
        transports: ['websocket'],
        auth: { token: this.token },
        reconnection: false,
        forceNew: true,
        timeout: 3000,
      });
      socket.onAny((_event: string, data: unknown) => this.record(data));
      const ok = await new Promise<boolean>((resolve) => {
        socket.once('session', () => resolve(true));
        socket.once('connect_error', () => resolve(false));
      });
      if (ok) {
        this.socket = socket;
        socket.once('disconnect', () => {
          // Like the app: move to another node and catch up, without waiting for a command.
          this.nodeIndex += 1;
          if (!this.closed) void this.ensureConnected().catch(() => undefined);
        });
        await this.syncNow();
        return;
      }
      socket.close();
      this.nodeIndex += 1;
    }
    throw new Error('no node accepted the connection');
  }

  /** The highest seq per stream below which nothing is missing. */
  cursors(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [stream, seqs] of this.seqs) {
      let c = 0;
      while (seqs.has(c + 1)) c++;
      out[stream] = c;
    }
    return out;
  }

  async ensureConnected(): Promise<void> {
    if (this.socket?.connected) return;
    this.connecting ??= (async () => {
      this.reconnects++;
      await this.connect();
    })().finally(() => (this.connecting = undefined));
    await this.connecting;
  }

  async sync(): Promise<void> {
    await this.ensureConnected();
    await this.syncNow();
  }

  private async syncNow(): Promise<void> {
    for (let more = true; more;) {
      const ack = await this.socket.timeout(5000).emitWithAck('sync', { cursors: this.cursors() });
      if (!ack?.ok) throw new Error(`sync failed: ${JSON.stringify(ack)}`);
      more = false;
      for (const page of Object.values(ack.data.streams) as { events: Envelope[]; hasMore: boolean }[]) {
        page.events.forEach((e) => this.record(e));
        more ||= page.hasMore;
      }
    }
  }

  /** Sends a command until it is acknowledged, across disconnects and node failures. */
  async send(event: string, payload: Record<string, unknown>): Promise<any> {
    const body = { ...payload, clientEventId: payload.clientEventId ?? randomUUID() };
    for (let i = 0; i < 200; i++) {
      this.attempts++;
      try {
        await this.ensureConnected();
        const ack = await this.socket.timeout(4000).emitWithAck(event, body);
        if (ack.ok || !ack.error?.retryable) return ack;
      } catch {
        /* ack timeout or disconnect: retry with the same clientEventId */
      }
    }
    throw new Error(`${event} never acknowledged`);
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private record(data: unknown): void {
    const e = data as Envelope;
    if (!e || typeof e !== 'object' || typeof e.seq !== 'number' || typeof e.stream !== 'string') return;
    this.events.set(e.id, e);
    const set = this.seqs.get(e.stream) ?? new Set<number>();
    set.add(e.seq);
    this.seqs.set(e.stream, set);
  }
}
