import { CommandBus } from '@nestjs/cqrs';
import { MessageBody } from '@nestjs/websockets';
import { type CommandSender, OnCommand, RealtimeGateway, WsRoles, WsSender } from '#realtime';
import { UpdateLocationCommand } from './commands/update-location/update-location.command.js';
import { UpdateLocationDto } from './commands/update-location/update-location.dto.js';

/** Location reports from guards on shift. */
@RealtimeGateway()
export class TrackingGateway {
  constructor(private readonly commandBus: CommandBus) {}

  @OnCommand('update_location')
  @WsRoles('guard')
  update(@WsSender() from: CommandSender, @MessageBody() dto: UpdateLocationDto) {
    return this.commandBus.execute(new UpdateLocationCommand(from.principal, dto, from.receivedAt));
  }
}
