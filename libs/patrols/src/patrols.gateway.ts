import { MessageBody, SubscribeMessage } from '@nestjs/websockets';
import { CommandBus } from '@nestjs/cqrs';
import type { Principal } from '#core';
import { type CommandSender, RealtimeGateway, WsPrincipal, WsRoles, WsSender } from '#realtime';
import { CompletePatrolCommand } from './commands/complete-patrol/complete-patrol.command.js';
import { CompletePatrolDto } from './commands/complete-patrol/complete-patrol.dto.js';
import { ScanCheckpointCommand } from './commands/scan-checkpoint/scan-checkpoint.command.js';
import { ScanCheckpointDto } from './commands/scan-checkpoint/scan-checkpoint.dto.js';
import { StartPatrolCommand } from './commands/start-patrol/start-patrol.command.js';
import { StartPatrolDto } from './commands/start-patrol/start-patrol.dto.js';

/** Guard commands of a patrol: start, scan, complete. */
@RealtimeGateway()
export class PatrolsGateway {
  constructor(private readonly commands: CommandBus) {}

  @SubscribeMessage('start_patrol')
  @WsRoles('guard')
  start(@WsPrincipal() me: Principal, @MessageBody() dto: StartPatrolDto) {
    return this.commands.execute(new StartPatrolCommand(me, dto));
  }

  @SubscribeMessage('scan_checkpoint')
  @WsRoles('guard')
  scan(@WsSender() from: CommandSender, @MessageBody() dto: ScanCheckpointDto) {
    return this.commands.execute(new ScanCheckpointCommand(from.principal, dto, new Date(from.receivedAt)));
  }

  @SubscribeMessage('complete_patrol')
  @WsRoles('guard')
  complete(@WsPrincipal() me: Principal, @MessageBody() dto: CompletePatrolDto) {
    return this.commands.execute(new CompletePatrolCommand(me, dto));
  }
}
