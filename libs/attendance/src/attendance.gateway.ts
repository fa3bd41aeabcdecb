import { CommandBus } from '@nestjs/cqrs';
import { MessageBody } from '@nestjs/websockets';
import { type CommandSender, OnCommand, RealtimeGateway, WsRoles, WsSender } from '#realtime';
import { EndShiftCommand } from './commands/end-shift/end-shift.command.js';
import { EndShiftDto } from './commands/end-shift/end-shift.dto.js';
import { StartShiftCommand } from './commands/start-shift/start-shift.command.js';
import { StartShiftDto } from './commands/start-shift/start-shift.dto.js';

/** Clock in / clock out from the guard's phone. */
@RealtimeGateway()
export class AttendanceGateway {
  constructor(private readonly commandBus: CommandBus) {}

  @OnCommand('shift_start')
  @WsRoles('guard')
  start(@WsSender() from: CommandSender, @MessageBody() dto: StartShiftDto) {
    return this.commandBus.execute(new StartShiftCommand(from.principal, dto, new Date(from.receivedAt)));
  }

  @OnCommand('shift_end')
  @WsRoles('guard')
  end(@WsSender() from: CommandSender, @MessageBody() dto: EndShiftDto) {
    return this.commandBus.execute(new EndShiftCommand(from.principal, dto, new Date(from.receivedAt)));
  }
}
