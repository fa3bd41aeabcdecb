import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { guardedPost } from './guarded-post.js';
import { TargetRefusedError } from './target-guard.js';

describe('guardedPost', () => {
  let server: Server;
  let url: string;
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/big') res.end('x'.repeat(1 << 20));
      else if (req.url === '/redirect') res.writeHead(302, { location: '/landed' }).end();
      else if (req.url === '/slow') setTimeout(() => res.end('late'), 2000).unref();
      else res.writeHead(204).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const opts = { allowPrivate: true, timeoutMs: 1000, maxAnswerBytes: 4096 };

  it('reads no more of an answer than the limit', async () => {
    const answer = await guardedPost(`${url}/big`, '{}', {}, opts);
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(4096);
  });

  it('does not follow a redirect', async () => {
    const answer = await guardedPost(`${url}/redirect`, '{}', {}, opts);
    expect(answer.status).toBe(302);
    expect(hits).not.toContain('/landed');
  });

  it('gives up when no answer comes in time', async () => {
    await expect(guardedPost(`${url}/slow`, '{}', {}, opts)).rejects.toThrow(/no answer within 1000 ms/);
  });

  it('refuses loopback unless private targets are allowed, and link-local always', async () => {
    await expect(guardedPost(`${url}/ok`, '{}', {}, { ...opts, allowPrivate: false })).rejects.toBeInstanceOf(
      TargetRefusedError,
    );
    await expect(
      guardedPost('http://localhost:9/', '{}', {}, { ...opts, allowPrivate: false }),
    ).rejects.toThrow(/loopback or private/);
    await expect(guardedPost('http://169.254.169.254/', '{}', {}, opts)).rejects.toThrow(/link-local/);
  });
});
