import { CommandBus } from '@nestjs/cqrs';
import { MessageBody, SubscribeMessage } from '@nestjs/websockets';
import type { Principal } from '#core';
import { RealtimeGateway, WsPrincipal, WsReceivedAt, WsRoles } from '#realtime';
import { EndShiftCommand } from './commands/end-shift/end-shift.command.js';
import { EndShiftDto } from './commands/end-shift/end-shift.dto.js';
import { StartShiftCommand } from './commands/start-shift/start-shift.command.js';
import { StartShiftDto } from './commands/start-shift/start-shift.dto.js';

/** Clock in / clock out from the guard's phone. */
@RealtimeGateway()
export class AttendanceGateway {
  constructor(private readonly commandBus: CommandBus) {}

  @SubscribeMessage('shift_start')
  @WsRoles('guard')
  start(@WsPrincipal() me: Principal, @MessageBody() dto: StartShiftDto, @WsReceivedAt() at: number) {
    return this.commandBus.execute(new StartShiftCommand(me, dto, new Date(at)));
  }

  @SubscribeMessage('shift_end')
  @WsRoles('guard')
  end(@WsPrincipal() me: Principal, @MessageBody() dto: EndShiftDto, @WsReceivedAt() at: number) {
    return this.commandBus.execute(new EndShiftCommand(me, dto, new Date(at)));
  }
}
