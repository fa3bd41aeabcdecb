import {
  applyDecorators,
  createParamDecorator,
  UseFilters,
  UseGuards,
  UsePipes,
  type ExecutionContext,
} from '@nestjs/common';
import { WebSocketGateway } from '@nestjs/websockets';
import { createValidationPipe, type Principal } from '#core';
import type { PsSocket } from '../session/socket-session.js';
import { receivedAtIn } from './responder.js';
import { WsAckExceptionFilter } from './ws-ack-exception.filter.js';
import { WsRolesGuard } from './ws-roles.guard.js';

/**
 * A feature gateway: the shared Socket.IO server, the role guard, the ValidationPipe (whitelist,
 * forbidNonWhitelisted, transform) and the ack filter. Payload shape/size checks and throttling
 * run earlier, in the adapter, before any recursive code sees the payload.
 */
export const RealtimeGateway = (): ClassDecorator =>
  applyDecorators(
    WebSocketGateway(),
    UseFilters(WsAckExceptionFilter),
    UseGuards(WsRolesGuard),
    UsePipes(createValidationPipe()),
  );

/** The authenticated principal of the socket (never from the payload). */
export const WsPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  return ctx.switchToWs().getClient<PsSocket>().data.principal;
});

/**
 * The command's server receive time, epoch ms: when the adapter read it off the socket (see
 * Responder.readAt), not when it started after waiting in a lane.
 */
export const WsReceivedAt = createParamDecorator((_: unknown, ctx: ExecutionContext): number =>
  receivedAtIn(ctx.getArgs()),
);
