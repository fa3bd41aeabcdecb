import {
  applyDecorators,
  createParamDecorator,
  UseFilters,
  UseGuards,
  type ExecutionContext,
} from '@nestjs/common';
import { WebSocketGateway } from '@nestjs/websockets';
import type { Principal } from '#core';
import type { PsSocket } from '../session/socket-session.js';
import { receivedAtIn } from './responder.js';
import { WsAckExceptionFilter } from './ws-ack-exception.filter.js';
import { WsRolesGuard } from './ws-roles.guard.js';

/**
 * A feature gateway: the shared Socket.IO server, the role guard and the ack filter. Payloads are
 * validated by the global ValidationPipe (createApp), which Nest runs for gateway handlers too: a
 * pipe of the gateway's own would validate every command a second time. Payload shape/size checks
 * and throttling run earlier, in the adapter, before any recursive code sees the payload.
 */
export const RealtimeGateway = (): ClassDecorator =>
  applyDecorators(WebSocketGateway(), UseFilters(WsAckExceptionFilter), UseGuards(WsRolesGuard));

/** The authenticated principal of the socket (never from the payload). */
export const WsPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToWs().getClient<PsSocket>().data.principal;
});

/** Who sent a socket command and when it was read: its server receive time, epoch ms. */
export interface CommandSender {
  principal: Principal;
  receivedAt: number;
}

/**
 * The command's sender (WsPrincipal) and server receive time, in one parameter: when the adapter
 * read the command off the socket (see Responder.readAt), not when it started after waiting in a
 * lane. One parameter rather than two: Nest runs every parameter of every command through the
 * pipes, a chain of promises each.
 */
export const WsSender = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandSender => ({
  principal: ctx.switchToWs().getClient<PsSocket>().data.principal,
  receivedAt: receivedAtIn(ctx.getArgs()),
}));
