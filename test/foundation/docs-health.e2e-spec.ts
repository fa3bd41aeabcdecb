import request from 'supertest';
import { createUser, startTestApp, type TestApp } from '../support/test-app.js';

describe('OpenAPI and health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves the Swagger UI without a token', async () => {
    const res = await request(t.baseUrl).get('/api/docs').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toMatch(/swagger/i);
  });

  it('serves an OpenAPI document with the auth routes and a bearer scheme', async () => {
    const res = await request(t.baseUrl).get('/api/docs-json').expect(200);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.paths).toHaveProperty(['/api/v1/auth/login', 'post']);
    expect(res.body.paths).toHaveProperty(['/api/v1/users', 'post']);
    expect(res.body.paths).toHaveProperty(['/api/v1/sites', 'get']);
    const schemes = Object.values(res.body.components.securitySchemes as Record<string, object>);
    expect(schemes).toContainEqual(expect.objectContaining({ type: 'http', scheme: 'bearer' }));
  });

  it.each(['/health/live', '/health/ready', '/api/v1/health/live', '/api/v1/health/ready'])(
    '%s answers 200 without a token',
    async (path) => {
      const res = await request(t.baseUrl).get(path).expect(200);
      expect(res.body.status).toBe('ok');
    },
  );

  it('reports the database in readiness', async () => {
    const res = await request(t.baseUrl).get('/health/ready').expect(200);
    expect(res.body.info.database.status).toBe('up');
  });

  it("reports this node's event-loop delay, GC pauses and memory to admins only, with a resettable window", async () => {
    const admin = await createUser(t, 'admin');
    const guard = await createUser(t, 'guard');
    await request(t.baseUrl).get('/api/v1/metrics').expect(401);
    await request(t.baseUrl).get('/api/v1/metrics').set('Authorization', `Bearer ${guard.token}`).expect(403);
    const auth = `Bearer ${admin.token}`;
    await request(t.baseUrl).post('/api/v1/metrics/reset').set('Authorization', auth).expect(204);
    const res = await request(t.baseUrl).get('/api/v1/metrics').set('Authorization', auth).expect(200);
    expect(res.body.eventLoopDelayMs).toEqual(
      expect.objectContaining({ windowS: expect.any(Number), samples: expect.any(Number) }),
    );
    expect(res.body.eventLoopDelayMs.windowS).toBeLessThan(60);
    expect(res.body.memoryBytes.heapUsed).toBeGreaterThan(0);
    expect(res.body.memoryBytes.rss).toBeGreaterThan(res.body.memoryBytes.heapUsed);
    for (const kind of ['minor', 'major', 'incremental', 'weakcb'])
      expect(res.body.gcPauses[kind]).toEqual({
        count: expect.any(Number),
        totalMs: expect.any(Number),
        maxMs: expect.any(Number),
      });
    expect(res.body.gcPauses.pausedPct).toEqual(expect.any(Number));
    expect(res.body.gcPauses.windowS).toBeLessThan(60);
  });
});
