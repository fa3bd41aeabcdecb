import { MessageBody } from '@nestjs/websockets';
import { CommandBus } from '@nestjs/cqrs';
import { type CommandSender, OnCommand, RealtimeGateway, WsRoles, WsSender } from '#realtime';
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

  @OnCommand('start_patrol')
  @WsRoles('guard')
  start(@WsSender() from: CommandSender, @MessageBody() dto: StartPatrolDto) {
    return this.commands.execute(new StartPatrolCommand(from.principal, dto, new Date(from.receivedAt)));
  }

  @OnCommand('scan_checkpoint')
  @WsRoles('guard')
  scan(@WsSender() from: CommandSender, @MessageBody() dto: ScanCheckpointDto) {
    return this.commands.execute(new ScanCheckpointCommand(from.principal, dto, new Date(from.receivedAt)));
  }

  @OnCommand('complete_patrol')
  @WsRoles('guard')
  complete(@WsSender() from: CommandSender, @MessageBody() dto: CompletePatrolDto) {
    return this.commands.execute(new CompletePatrolCommand(from.principal, dto, new Date(from.receivedAt)));
  }
}
