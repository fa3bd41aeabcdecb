import { ModulesContainer } from '@nestjs/core';
import { DiagnosticSeverity, Parser, type AsyncAPIDocumentInterface } from '@asyncapi/parser';
import request from 'supertest';
import { COMMAND_CATALOGUE, SERVER_EVENT_CATALOGUE } from '#contract';
import { gatewaysOf, subscribedCommands } from '../../apps/api/src/asyncapi/gateway-commands.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('AsyncAPI document (/api/asyncapi.json)', () => {
  let t: TestApp;
  let raw: Record<string, unknown>;
  let doc: AsyncAPIDocumentInterface;
  beforeAll(async () => {
    t = await startTestApp();
    raw = (await request(t.baseUrl).get('/api/asyncapi.json').expect(200).expect('content-type', /json/))
      .body;
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(raw));
    const errors = diagnostics.filter((d) => Number(d.severity) === Number(DiagnosticSeverity.Error));
    expect(errors.map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    doc = document!;
  }, 180000); // the parser compiles the AsyncAPI schema first: about 10 s of CPU
  afterAll(() => t.close());

  it('is an AsyncAPI 3 document whose server is the address it was fetched from', () => {
    expect(doc.version()).toBe('3.0.0');
    const server = doc.servers().all()[0];
    expect(server.host()).toBe(new URL(t.baseUrl).host);
    expect(server.pathname()).toBe('/socket.io');
  });

  it('names every command the running gateways subscribe, received with an ack reply', async () => {
    const modules = [...t.app.get(ModulesContainer).values()].map((m) => m.metatype);
    const subscribed = gatewaysOf(modules)
      .flatMap(subscribedCommands)
      .map((c) => c.name);
    expect(subscribed).toContain('panic_alert');
    const received = doc
      .operations()
      .filterByReceive()
      .filter((op) => op.reply()?.messages().length)
      .flatMap((op) =>
        op
          .messages()
          .all()
          .map((m) => m.name()),
      );
    expect([...new Set(received)].sort()).toEqual([...new Set(subscribed)].sort());
    expect(received.sort()).toEqual(Object.keys(COMMAND_CATALOGUE).sort());
  });

  it('names every server event of the contract, sent to its streams and rooms', () => {
    const sent = new Set(
      doc
        .operations()
        .filterBySend()
        .flatMap((op) =>
          op
            .messages()
            .all()
            .map((m) => m.name()),
        ),
    );
    expect([...sent].sort()).toEqual(Object.keys(SERVER_EVENT_CATALOGUE).sort());
    const panicRooms = doc
      .operations()
      .filterBySend()
      .filter((op) =>
        op
          .messages()
          .all()
          .some((m) => m.name() === 'panic_alert'),
      )
      .flatMap((op) =>
        op
          .channels()
          .all()
          .map((c) => c.address()),
      );
    expect(panicRooms).toEqual(['site:{siteId}:staff']);
  });

  it('puts durable events in the envelope and describes the ack with its error codes', () => {
    const schemas = (
      raw.components as { schemas: Record<string, { properties?: Record<string, { enum?: string[] }> }> }
    ).schemas;
    expect(schemas.AckError.properties?.code.enum).toEqual(
      expect.arrayContaining(['VALIDATION_FAILED', 'UNAVAILABLE', 'RATE_LIMITED']),
    );
    const created = doc
      .messages()
      .all()
      .find((m) => m.name() === 'incident_created')!;
    expect(Object.keys(created.payload()!.properties()!)).toEqual(
      expect.arrayContaining(['id', 'type', 'stream', 'seq', 'siteId', 'occurredAt', 'actor', 'data']),
    );
  });

  it('is linked from the OpenAPI description', async () => {
    const openapi = (await request(t.baseUrl).get('/api/docs-json').expect(200)).body;
    expect(openapi.info.description).toContain('/api/asyncapi');
  });
});
