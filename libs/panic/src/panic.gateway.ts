import { MessageBody } from '@nestjs/websockets';
import { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '#core';
import {
  CommandPolicy,
  type CommandSender,
  OnCommand,
  RealtimeGateway,
  WsPrincipal,
  WsRoles,
  WsSender,
} from '#realtime';
import { AcknowledgePanicCommand } from './commands/acknowledge-panic/acknowledge-panic.command.js';
import { AcknowledgePanicDto } from './commands/acknowledge-panic/acknowledge-panic.dto.js';
import { RaisePanicCommand } from './commands/raise-panic/raise-panic.command.js';
import { RaisePanicDto } from './commands/raise-panic/raise-panic.dto.js';
import { ResolvePanicCommand } from './commands/resolve-panic/resolve-panic.command.js';
import { ResolvePanicDto } from './commands/resolve-panic/resolve-panic.dto.js';

/** Socket commands of the panic feature (docs/protocol.md section 3). */
@RealtimeGateway()
export class PanicGateway {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Never queued behind the guard's own GPS fixes, never refused by a rate limit: duplicates of an
   * active panic are absorbed by the panic rules instead.
   */
  @CommandPolicy({ lane: 'urgent', throttle: 'exempt' })
  @OnCommand('panic_alert')
  @WsRoles('guard')
  raise(@WsSender() from: CommandSender, @MessageBody() dto: RaisePanicDto) {
    return this.commandBus.execute(new RaisePanicCommand(from.principal, dto, new Date(from.receivedAt)));
  }

  @CommandPolicy({ lane: 'urgent' })
  @OnCommand('panic_acknowledge')
  @WsRoles('supervisor', 'manager', 'admin')
  acknowledge(@WsPrincipal() me: Principal, @MessageBody() dto: AcknowledgePanicDto) {
    return this.commandBus.execute(new AcknowledgePanicCommand(me, dto.panicId, dto.clientEventId));
  }

  @CommandPolicy({ lane: 'urgent' })
  @OnCommand('panic_resolve')
  @WsRoles('supervisor', 'manager', 'admin')
  resolve(@WsPrincipal() me: Principal, @MessageBody() dto: ResolvePanicDto) {
    return this.commandBus.execute(new ResolvePanicCommand(me, dto.panicId, dto.notes, dto.clientEventId));
  }
}
