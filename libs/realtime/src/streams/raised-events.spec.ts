import type { DurableEventName } from '#contract';
import type { NewEvent } from '../contract/envelope.js';
import type { EventBus } from '@nestjs/cqrs';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { SYSTEM_ACTOR } from '../contract/envelope.js';
import { CommittedEvent } from './committed-event.js';
import { UnitOfWork } from './command-runner.js';
import { EventStore } from './event-store.js';

class Probed extends CommittedEvent {
  constructor(readonly name: string) {
    super();
  }
}

/** A unit of work whose final statement "returns" seq 1.. for every (event, stream) it holds. */
function unitOfWork() {
  const store = new EventStore(undefined as unknown as DataSource);
  let seq = 0;
  const client = {
    query: async (q: { values: string[] }) => {
      const rows = (JSON.parse(q.values[0]) as { id: string; streams: string[] }[]).flatMap((e) =>
        e.streams.map((stream) => ({ stream, seq: String(++seq), event_id: e.id })),
      );
      return { rows };
    },
  } as unknown as PoolClient;
  const uow = new UnitOfWork({} as EntityManager, SYSTEM_ACTOR, store, client);
  const published: Probed[] = [];
  const bus = { publish: (e: Probed) => published.push(e) } as unknown as EventBus;
  return { uow, published, publish: () => uow.publishRaised(bus) };
}

/** The unit of work does not read `data`: an empty object stands in for every event's. */
const event = (type: DurableEventName, streams: string[]): NewEvent =>
  ({ type, siteId: null, streams, data: {} }) as NewEvent;

describe('raised CQRS events', () => {
  it('carry the stored envelopes of the events they were raised for, and are published in order', async () => {
    const { uow, published, publish } = unitOfWork();
    const scanned = uow.append(event('checkpoint_scanned', ['site:a:staff', 'user:g']));
    const completed = uow.append(event('patrol_completed', ['site:a:staff']));
    uow.raise(new Probed('completed'), completed);
    const cleared = uow.append(event('patrol_timeout_cleared', ['site:a:staff']));
    uow.raise(new Probed('scanned'), [scanned, cleared]);
    uow.raise(new Probed('nothing appended'));
    await uow.flush();
    publish();
    expect(published.map((e) => [e.name, e.envelopes.map((env) => `${env.type}@${env.stream}`)])).toEqual([
      ['completed', ['patrol_completed@site:a:staff']],
      [
        'scanned',
        [
          'checkpoint_scanned@site:a:staff',
          'checkpoint_scanned@user:g',
          'patrol_timeout_cleared@site:a:staff',
        ],
      ],
      ['nothing appended', []],
    ]);
    expect(published[0].envelopes[0].seq).toBeGreaterThan(0);
  });

  it('are forgotten with the work rolled back to a savepoint', async () => {
    const { uow, published, publish } = unitOfWork();
    uow.raise(new Probed('kept'), uow.append(event('incident_created', ['s'])));
    await uow.flush();
    const mark = uow.mark();
    uow.raise(new Probed('rolled back'), uow.append(event('incident_updated', ['s'])));
    uow.discardSince(mark);
    uow.raise(new Probed('after'), uow.append(event('incident_assigned', ['s'])));
    await uow.flush();
    publish();
    expect(published.map((e) => [e.name, e.envelopes.map((env) => env.type)])).toEqual([
      ['kept', ['incident_created']],
      ['after', ['incident_assigned']],
    ]);
  });

  it('are published by nobody but the runner: raising alone publishes nothing', () => {
    const { uow, published } = unitOfWork();
    uow.raise(new Probed('raised'), uow.append(event('incident_created', ['s'])));
    expect(published).toEqual([]);
  });
});
