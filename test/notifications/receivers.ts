import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface HttpReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Resolves with the n-th request (1-based), waiting for it to arrive. */
  nth(n: number, timeoutMs?: number): Promise<ReceivedRequest>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 standing in for a webhook receiver or a push service. `answer`
 * decides each reply from the request and how many came before it.
 */
export async function httpReceiver(
  answer: (
    req: ReceivedRequest,
    index: number,
  ) => { status: number; body?: string; headers?: Record<string, string> },
): Promise<HttpReceiver> {
  const requests: ReceivedRequest[] = [];
  const waiters: (() => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      const reply = answer(r, requests.length);
      requests.push(r);
      res
        .writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers })
        .end(reply.body ?? '');
      waiters.splice(0).forEach((w) => w());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    nth: (n, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`request ${n} did not arrive`)), timeoutMs);
        const check = () => {
          if (requests.length >= n) {
            clearTimeout(timer);
            resolve(requests[n - 1]);
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Answers the given statuses in turn per delivery id (the last one repeats). */
export const statusesPerDelivery = (...statuses: number[]) => {
  const seen = new Map<string, number>();
  return (req: ReceivedRequest) => {
    const id = String(req.headers['x-patrolshield-delivery']);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    return { status: statuses[Math.min(n, statuses.length - 1)] };
  };
};
