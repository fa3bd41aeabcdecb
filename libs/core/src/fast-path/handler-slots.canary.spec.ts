import 'reflect-metadata';
import { EventEmitter } from 'node:events';
import { Module, type ArgumentMetadata, type INestApplication, type PipeTransform } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import type { GatewayMessageHandler } from './handler-slots.js';
import { installedVersion, versionWithin } from './installed-version.js';

/**
 * Canary of the socket message binding (docs/fast-path.md): the adapter replaces Nest's
 * IoAdapter.bindMessageHandlers and bindClientDisconnect and relies on how Nest calls them. If
 * this fails after an upgrade of Nest, re-read web-sockets-controller.js and the adapter before
 * widening the version range.
 */
@WebSocketGateway()
class ProbeGateway {
  @SubscribeMessage('probe') probe(@MessageBody() body: unknown) {
    return Promise.resolve({ echoed: body });
  }
}
@Module({ providers: [ProbeGateway] })
class ProbeModule {}

class RecordingAdapter extends IoAdapter {
  readonly server = Object.assign(new EventEmitter(), { close: (done?: () => void) => done?.() });
  readonly bound: { socket: object; handlers: GatewayMessageHandler[]; transform: unknown }[] = [];
  readonly disconnectHooks: { socket: object; hook: (reason: string) => void }[] = [];
  override create() {
    return this.server as never;
  }
  override bindMessageHandlers(socket: object, handlers: GatewayMessageHandler[], transform: unknown) {
    this.bound.push({ socket, handlers, transform });
  }
  override bindClientDisconnect(socket: object, hook: (reason: string) => void) {
    this.disconnectHooks.push({ socket, hook });
  }
}
class CountingPipe implements PipeTransform {
  readonly seen: ArgumentMetadata[] = [];
  transform(value: unknown, metadata: ArgumentMetadata) {
    this.seen.push(metadata);
    return value;
  }
}

describe('canary: Nest binds gateway handlers through the adapter as the fast path assumes', () => {
  let app: INestApplication;
  const adapter = new RecordingAdapter();
  const pipe = new CountingPipe();

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { logger: false });
    app.useWebSocketAdapter(adapter);
    app.useGlobalPipes(pipe);
    await app.init();
  });
  afterAll(() => app.close());

  it('runs on the Nest versions it was checked against', () => {
    for (const name of ['@nestjs/websockets', '@nestjs/platform-socket.io'])
      expect([name, versionWithin(installedVersion(name), '12.1.0', '13.0.0')]).toEqual([name, true]);
  });

  it('hands each socket its handlers once per gateway, as { message, callback }, and asks for a disconnect hook', () => {
    const socket = new EventEmitter();
    adapter.server.emit('connection', socket);
    expect(adapter.bound).toHaveLength(1);
    const [{ socket: boundTo, handlers, transform }] = adapter.bound;
    expect(boundTo).toBe(socket);
    expect(handlers.map((h) => [h.message, typeof h.callback])).toEqual([['probe', 'function']]);
    expect(typeof transform).toBe('function'); // the rxjs transform the fast path leaves unused
    expect(adapter.disconnectHooks.map((d) => d.socket)).toEqual([socket]);
  });

  it("a handler's callback(payload, ack) runs the global pipe once and answers the method's value (answerWith)", async () => {
    const [{ handlers }] = adapter.bound;
    pipe.seen.length = 0;
    await expect(handlers[0].callback({ n: 1 }, () => undefined)).resolves.toEqual({ echoed: { n: 1 } });
    // Global pipes reach gateway handlers: the reason gateways add no ValidationPipe of their own.
    expect(pipe.seen).toEqual([expect.objectContaining({ type: 'body' })]);
  });
});
