import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { PanicView } from '../../persistence/panic.view.js';

export class AcknowledgePanicCommand extends Command<{ panic: PanicView }> {
  constructor(
    readonly principal: Principal,
    readonly panicId: string,
    readonly clientEventId?: string,
  ) {
    super();
  }
}
