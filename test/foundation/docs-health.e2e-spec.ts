import request from 'supertest';
import { startTestApp, type TestApp } from '../support/test-app.js';

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
});
