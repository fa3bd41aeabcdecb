import fc from 'fast-check';
import request from 'supertest';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';
import {
  bodyArbitrary,
  nastyString,
  queryArbitrary,
  type OpenApiDoc,
  type Schema,
} from './openapi-arbitraries.js';

const CODES = [
  'VALIDATION_FAILED',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNAVAILABLE',
];

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  body?: Schema;
  query: { name: string; schema: Schema }[];
}

/** Every operation of the served OpenAPI document, with its body and query schemas. */
function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item as Record<string, any>)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const params = (op.parameters ?? []) as { name: string; in: string; schema: Schema }[];
      ops.push({
        method: method as Operation['method'],
        path,
        body: op.requestBody?.content?.['application/json']?.schema,
        query: params.filter((p) => p.in === 'query'),
      });
    }
  return ops;
}

/** Percent-encodes the UTF-8 bytes (a lone surrogate cannot travel in a URL; it arrives as U+FFFD). */
const pct = (s: string) =>
  [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

/**
 * Issue 23: random JSON values, strings with control characters and huge numbers at every REST
 * body and query schema of the OpenAPI document. Never 5xx; always a coded error body or success.
 */
describe('abuse: property-based REST fuzzing from the OpenAPI document', () => {
  let t: TestApp;
  let admin: TestUser;
  let ids: string[];
  beforeAll(async () => {
    t = await startTestApp();
    admin = await createUser(t, 'admin');
    const site = await createSite(t, 'Fuzz');
    const victim = await createUser(t, 'guard', [site]);
    ids = [site, victim.id, '00000000-0000-4000-8000-000000000000'];
  });
  afterAll(() => t.close());

  it('answers every random request below 500 with the contract error body, and stays alive', async () => {
    const doc = (await request(t.baseUrl).get('/api/docs-json').expect(200)).body as OpenApiDoc;
    const ops = operationsOf(doc).filter((o) => !o.path.startsWith('/api/docs'));
    expect(ops.length).toBeGreaterThan(30);
    const pathParam = fc.oneof(fc.constantFrom(...ids), nastyString, fc.constantFrom('1e20', '-1', '%00'));
    const call = fc.constantFrom(...ops).chain((op) =>
      fc.record({
        op: fc.constant(op),
        body: op.body ? bodyArbitrary(op.body, doc) : fc.constant(undefined),
        query: queryArbitrary(op.query, doc),
        param: pathParam,
        authed: fc.oneof(
          { weight: 9, arbitrary: fc.constant(true) },
          { weight: 1, arbitrary: fc.constant(false) },
        ),
      }),
    );
    const seen = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(call, async ({ op, body, query, param, authed }) => {
        const path = op.path.replace(/\{[^}]+\}/g, () => (ids.includes(param) ? param : pct(param)));
        const text = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
        const qs = Object.entries(query)
          .map(([k, v]) => `${k}=${pct(text(v))}`)
          .join('&');
        let req = request(t.baseUrl)[op.method](qs ? `${path}?${qs}` : path);
        if (authed) req = req.auth(admin.token, { type: 'bearer' });
        if (body !== undefined) req = req.set('Content-Type', 'application/json').send(JSON.stringify(body));
        const res = await req;
        seen.set(res.status, (seen.get(res.status) ?? 0) + 1);
        if (res.status >= 500)
          throw new Error(`${op.method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
        if (res.status >= 400) {
          expect(res.body).toMatchObject({ statusCode: res.status, message: expect.any(String) });
          expect(CODES).toContain(res.body.code);
        }
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
    );
    expect([...seen.keys()].some((s) => s < 300)).toBe(true); // some requests got through validation
    await request(t.baseUrl).get('/health/live').expect(200);
    await request(t.baseUrl).get('/api/v1/sites').auth(admin.token, { type: 'bearer' }).expect(200);
  });
});
