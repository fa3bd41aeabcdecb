import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

interface Schema {
  type?: string;
  $ref?: string;
  allOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  enum?: unknown[];
}
interface Operation {
  parameters?: { name: string; in: string; schema?: Schema }[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
type Paths = Record<string, Record<string, Operation>>;

const SCALARS = new Set(['string', 'integer', 'number', 'boolean']);
/** A query parameter Swagger UI can render as one input box: a scalar, or an array of scalars. */
const scalarTyped = (s: Schema | undefined): boolean =>
  !!s && (SCALARS.has(s.type ?? '') || (s.type === 'array' && scalarTyped(s.items)));

function operations(paths: Paths) {
  return Object.entries(paths).flatMap(([path, byMethod]) =>
    Object.entries(byMethod).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, op })),
  );
}

describe('OpenAPI document (/api/docs-json)', () => {
  let t: TestApp;
  let paths: Paths;
  beforeAll(async () => {
    t = await startTestApp();
    paths = (await request(t.baseUrl).get('/api/docs-json').expect(200)).body.paths;
  });
  afterAll(() => t.close());

  it('types every query and path parameter as a scalar (Swagger UI renders an input, not an object box)', () => {
    const bad = operations(paths).flatMap(({ id, op }) =>
      (op.parameters ?? [])
        .filter((p) => p.in !== 'header' && !scalarTyped(p.schema))
        .map((p) => `${id} ?${p.name}: ${JSON.stringify(p.schema)}`),
    );
    expect(bad).toEqual([]);
  });

  it('gives every 2xx response with a body a schema', () => {
    const bad = operations(paths).flatMap(({ id, op }) =>
      Object.entries(op.responses)
        .filter(([status]) => /^2\d\d$/.test(status) && status !== '204')
        .filter(([, r]) => !Object.values(r.content ?? {}).some((c) => c.schema))
        .map(([status]) => `${id} ${status}`),
    );
    expect(bad).toEqual([]);
  });

  it('answers REST gzip-compressed when the client accepts it', async () => {
    const res = await request(t.baseUrl).get('/api/docs-json').set('accept-encoding', 'gzip').expect(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.body.openapi).toMatch(/^3\./);
  });

  it('covers the list endpoints with page and pageSize as integers', () => {
    const list = paths['/api/v1/users'].get.parameters ?? [];
    expect(list.find((p) => p.name === 'page')?.schema?.type).toBe('integer');
    expect(list.find((p) => p.name === 'pageSize')?.schema?.type).toBe('integer');
  });
});
