import { CHANNELS, COMMAND_CATALOGUE, SERVER_EVENT_CATALOGUE } from '#contract';
import { buildAsyncApiDocument } from './asyncapi-document.js';

const doc = buildAsyncApiDocument('localhost:3000', '1.1') as {
  channels: Record<string, { messages: Record<string, unknown> }>;
  operations: Record<string, { action: string; reply?: unknown }>;
};
const text = JSON.stringify(doc);

/** Follows a local JSON pointer such as #/components/schemas/Panic through the document. */
const resolve = (pointer: string): unknown =>
  pointer
    .slice(2)
    .split('/')
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], doc);

describe('buildAsyncApiDocument', () => {
  it('resolves every $ref it writes', () => {
    const refs = [...new Set([...text.matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]))];
    expect(refs.length).toBeGreaterThan(20);
    expect(refs.filter((r) => resolve(r) === undefined)).toEqual([]);
  });

  it('receives each command with an ack reply and sends each event on each of its channels', () => {
    for (const name of Object.keys(COMMAND_CATALOGUE))
      expect(doc.operations[`receive.${name}`]).toMatchObject({
        action: 'receive',
        reply: expect.anything(),
      });
    for (const [name, e] of Object.entries(SERVER_EVENT_CATALOGUE))
      for (const kind of e.to) {
        expect(doc.operations[`send.${name}.${kind}`]).toMatchObject({ action: 'send' });
        expect(doc.channels[`${name}.${kind}`]).toMatchObject({ address: CHANNELS[kind].address });
      }
  });

  it('publishes durable events only to streams', () => {
    const notStreams = Object.entries(SERVER_EVENT_CATALOGUE).filter(
      ([, e]) => e.durable && e.to.some((k) => !CHANNELS[k].durable),
    );
    expect(notStreams.map(([name]) => name)).toEqual([]);
  });
});
