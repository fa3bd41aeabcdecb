import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers live and ready with the database up', async () => {
    await request(t.baseUrl).get('/health/live').expect(200, { status: 'ok' });
    const res = await request(t.baseUrl).get('/health/ready').expect(200);
    expect(res.body.info.database.status).toBe('up');
  });
});
