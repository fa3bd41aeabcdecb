import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { checkedAddresses, guardedLookup } from './target-guard.js';

export interface PostOptions {
  allowPrivate: boolean;
  timeoutMs: number;
  /** Bytes of the answer read at most; the rest is never downloaded. */
  maxAnswerBytes: number;
}

export interface PostAnswer {
  status: number;
  body: string;
}

/**
 * POSTs to an http(s) URL whose addresses pass the target guard. Redirects are not followed (a 3xx
 * is an answer like any other); the whole exchange is bounded by `timeoutMs`; the answer body is
 * read up to `maxAnswerBytes`.
 */
export async function guardedPost(
  url: string,
  body: Buffer | string,
  headers: Record<string, string>,
  opts: PostOptions,
): Promise<PostAnswer> {
  const target = new URL(url);
  if (target.protocol !== 'http:' && target.protocol !== 'https:')
    throw new Error(`unsupported protocol ${target.protocol}`);
  await checkedAddresses(target.hostname, opts.allowPrivate); // literal IPs skip `lookup`
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<PostAnswer>((resolve, reject) => {
    const req = request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(opts.allowPrivate),
        agent: false,
      },
      (res) => readCapped(res, opts.maxAnswerBytes).then(resolve, reject),
    );
    const timer = setTimeout(
      () => req.destroy(new Error(`no answer within ${opts.timeoutMs} ms`)),
      opts.timeoutMs,
    );
    req.on('close', () => clearTimeout(timer));
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}

function readCapped(res: IncomingMessage, max: number): Promise<PostAnswer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
    res.on('data', (c: Buffer) => {
      if (size >= max) return;
      chunks.push(c.subarray(0, max - size));
      size += c.length;
      if (size >= max) {
        res.destroy();
        done();
      }
    });
    res.on('end', done);
    res.on('error', done);
  });
}
