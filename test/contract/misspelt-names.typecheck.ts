/**
 * Compile-time proof, checked by `npm run typecheck` (never run): every line under a
 * `@ts-expect-error` uses a name or data the contract (libs/contract) does not have. Should the
 * server, the SDK or the test helpers stop being typed by the contract, that line compiles, the
 * directive is unused, and the typecheck fails.
 */
import type { PatrolShieldClient } from '../../libs/client/src/index.js';
import { OnCommand, type Publisher, type UnitOfWork } from '../../libs/realtime/src/index.js';
import { command, waitFor, type TestSocket } from '../support/sockets.js';

export function misspelt(uow: UnitOfWork, publisher: Publisher, client: PatrolShieldClient, s: TestSocket) {
  // @ts-expect-error: no durable event panic_alertt
  uow.append({ type: 'panic_alertt', siteId: null, streams: [], data: {} });
  // @ts-expect-error: no ephemeral event presence_change
  publisher.emitTo('role:admin', 'presence_change', {});
  // @ts-expect-error: server_shutdown carries a boolean
  publisher.emitToUser('u', 'server_shutdown', { reconnect: 'yes' });
  // @ts-expect-error: no command panic_alrt
  void client.command('panic_alrt', {});
  // @ts-expect-error: panic_alert needs a location
  void client.command('panic_alert', {});
  // @ts-expect-error: no command create_incidnet
  void command(s, 'create_incidnet', {});
  // @ts-expect-error: no server event incident_creatd
  void waitFor(s, 'incident_creatd');
}

export class MisspeltGateway {
  // @ts-expect-error: no command shift_begin
  @OnCommand('shift_begin')
  start() {}
}
