import request from 'supertest';
import { connect, type TestSocket } from '../support/sockets.js';
import { createSite, createUser, startTestApp, type TestApp, type TestUser } from '../support/test-app.js';

/** Two sites with staff and guards, an admin, sockets and REST helpers for the messaging suites. */
export interface MessagingWorld {
  t: TestApp;
  siteA: string;
  siteB: string;
  supA: TestUser;
  guardA1: TestUser;
  guardA2: TestUser;
  supB: TestUser;
  guardB: TestUser;
  admin: TestUser;
  open(u: TestUser): Promise<TestSocket>;
  http(u: TestUser): {
    get(path: string): request.Test;
    post(path: string, body?: object): request.Test;
    put(path: string, body: object): request.Test;
  };
}

export const ofMessage = (id: string) => (env: any) => env?.data?.message?.id === id;
export const send = (s: TestSocket, payload: object) =>
  s.socket.timeout(10_000).emitWithAck('message_send', payload) as Promise<any>;

/** Registers beforeAll/afterAll and fills the world in. */
export function useMessagingWorld(overrides: Record<string, string> = {}): MessagingWorld {
  const sockets: TestSocket[] = [];
  const w = {} as MessagingWorld;
  beforeAll(async () => {
    w.t = await startTestApp(overrides);
    w.siteA = await createSite(w.t, 'Site A');
    w.siteB = await createSite(w.t, 'Site B');
    w.supA = await createUser(w.t, 'supervisor', [w.siteA], { name: 'Sam Supervisor' });
    w.guardA1 = await createUser(w.t, 'guard', [w.siteA], { name: 'Gina Guard' });
    w.guardA2 = await createUser(w.t, 'guard', [w.siteA], { name: 'Gus Guard' });
    w.supB = await createUser(w.t, 'supervisor', [w.siteB]);
    w.guardB = await createUser(w.t, 'guard', [w.siteB]);
    w.admin = await createUser(w.t, 'admin');
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await w.t?.close();
  });
  w.open = async (u) => {
    const s = await connect(w.t.baseUrl, { token: u.token });
    sockets.push(s);
    return s;
  };
  w.http = (u) => {
    const auth = (r: request.Test) => r.set('Authorization', `Bearer ${u.token}`);
    return {
      get: (path) => auth(request(w.t.baseUrl).get(`/api/v1${path}`)),
      post: (path, body = {}) => auth(request(w.t.baseUrl).post(`/api/v1${path}`)).send(body),
      put: (path, body) => auth(request(w.t.baseUrl).put(`/api/v1${path}`)).send(body),
    };
  };
  return w;
}
