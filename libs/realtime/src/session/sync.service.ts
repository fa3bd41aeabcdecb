import { Injectable } from '@nestjs/common';
import type { Principal } from '#core';
import { readableStreams } from '../contract/rooms.js';
import { EventStore, type StreamPage } from '../streams/event-store.js';

const PAGE = 500;

/**
 * `sync`: for every stream the user may read, the events after the client's cursor, in seq order.
 * Cursors for streams the user may not read are ignored, never answered.
 */
@Injectable()
export class SyncService {
  constructor(private readonly events: EventStore) {}

  async sync(me: Principal, cursors: Record<string, number>) {
    const streams: Record<string, Omit<StreamPage, never>> = {};
    const readable = readableStreams(me);
    const heads = await this.events.heads(readable);
    for (const stream of readable) {
      const cursor = Object.prototype.hasOwnProperty.call(cursors, stream) ? cursors[stream] : undefined;
      if (cursor === undefined)
        streams[stream] = { head: heads[stream], events: [], truncated: false, hasMore: false };
      else if (cursor > heads[stream])
        streams[stream] = { head: heads[stream], events: [], truncated: true, hasMore: false };
      else streams[stream] = await this.events.readAfter(stream, cursor, PAGE);
    }
    return { streams };
  }
}
