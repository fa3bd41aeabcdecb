import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { rootLogger } from '#core';
import { responderIn } from './responder.js';

/**
 * Turns every failure of a gateway handler (guards, validation, domain errors, unknown errors) into
 * the contract's ack. Nest's default would emit `exception {"message":"Internal server error"}`
 * and never call the ack.
 */
@Catch()
export class WsAckExceptionFilter implements ExceptionFilter {
  private readonly log = rootLogger().child({ context: 'ws-errors' });

  catch(exception: unknown, host: ArgumentsHost): void {
    const responder = responderIn(host.getArgs());
    if (!responder) {
      this.log.error({ err: exception }, 'ws failure without a responder');
      return;
    }
    const body = responder.fail(exception);
    if (body.code === 'INTERNAL' || body.code === 'UNAVAILABLE')
      this.log.error({ err: exception, event: responder.event }, 'command failed');
  }
}
