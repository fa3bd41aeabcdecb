import { CommandBus } from '@nestjs/cqrs';
import { MessageBody } from '@nestjs/websockets';
import { CommandPolicy, type CommandSender, OnCommand, RealtimeGateway, WsRoles, WsSender } from '#realtime';
import { UpdateLocationCommand } from './commands/update-location/update-location.command.js';
import { UpdateLocationDto } from './commands/update-location/update-location.dto.js';

/** Location reports from guards on shift. */
@RealtimeGateway()
export class TrackingGateway {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * The most frequent command: may wait a turn behind everything else read (bulk lane); its
   * successes go to the location history, not the audit log.
   */
  @CommandPolicy({ lane: 'bulk', audit: 'errors' })
  @OnCommand('update_location')
  @WsRoles('guard')
  update(@WsSender() from: CommandSender, @MessageBody() dto: UpdateLocationDto) {
    return this.commandBus.execute(new UpdateLocationCommand(from.principal, dto, from.receivedAt));
  }
}
