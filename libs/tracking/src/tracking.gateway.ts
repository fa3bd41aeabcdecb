import { CommandBus } from '@nestjs/cqrs';
import { MessageBody, SubscribeMessage } from '@nestjs/websockets';
import type { Principal } from '#core';
import { RealtimeGateway, WsPrincipal, WsReceivedAt, WsRoles } from '#realtime';
import { UpdateLocationCommand } from './commands/update-location/update-location.command.js';
import { UpdateLocationDto } from './commands/update-location/update-location.dto.js';

/** Location reports from guards on shift. */
@RealtimeGateway()
export class TrackingGateway {
  constructor(private readonly commandBus: CommandBus) {}

  @SubscribeMessage('update_location')
  @WsRoles('guard')
  update(@WsPrincipal() me: Principal, @MessageBody() dto: UpdateLocationDto, @WsReceivedAt() at: number) {
    return this.commandBus.execute(new UpdateLocationCommand(me, dto, at));
  }
}
