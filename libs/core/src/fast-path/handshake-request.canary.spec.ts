import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io } from 'socket.io-client';
import { dropHandshakeRequest } from './handler-slots.js';
import { installedVersion, versionWithin } from './installed-version.js';

/**
 * Canary of the dropped handshake request (docs/fast-path.md): engine.io keeps the HTTP request of
 * a socket's handshake as `conn.request`; the adapter drops it once the socket is connected and
 * relies on nothing needing it later. If this fails after an upgrade of Socket.IO, check what
 * engine.io reads `request` for now, then widen the range.
 */
describe('canary: a Socket.IO socket without its handshake request', () => {
  let http: HttpServer;
  let server: Server;
  beforeAll(async () => {
    http = createServer();
    server = new Server(http, { transports: ['websocket'] });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await server.close();
  });

  it('runs on the versions it was checked against', () => {
    expect(versionWithin(installedVersion('socket.io'), '4.8.0', '5.0.0')).toBe(true);
    expect(versionWithin(installedVersion('engine.io'), '6.6.0', '7.0.0')).toBe(true);
  });

  it('is kept by engine.io until dropped; without it the socket still acks, emits and disconnects', async () => {
    const connected = new Promise<{ socket: ServerSocket; hadRequest: boolean }>((resolve) =>
      server.once('connection', (socket) => {
        const hadRequest = (socket.conn as unknown as { request: unknown }).request != null;
        dropHandshakeRequest(socket);
        socket.on('ping', (n: number, ack: (r: number) => void) => ack(n + 1));
        resolve({ socket, hadRequest });
      }),
    );
    const { port } = http.address() as AddressInfo;
    const client = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false });
    const { socket, hadRequest } = await connected;
    expect(hadRequest).toBe(true);
    expect(await client.timeout(5000).emitWithAck('ping', 1)).toBe(2);
    const pushed = new Promise((resolve) => client.once('pushed', resolve));
    socket.emit('pushed', 'x');
    expect(await pushed).toBe('x');
    const gone = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    client.disconnect();
    expect(await gone).toBe('client namespace disconnect');
  });
});
