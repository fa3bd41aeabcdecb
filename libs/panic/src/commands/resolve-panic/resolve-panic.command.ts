import { Command } from '@nestjs/cqrs';
import type { Principal } from '#core';
import type { PanicView } from '../../persistence/panic.view.js';

export class ResolvePanicCommand extends Command<{ panic: PanicView }> {
  constructor(
    readonly principal: Principal,
    readonly panicId: string,
    readonly notes?: string,
    readonly clientEventId?: string,
  ) {
    super();
  }
}
