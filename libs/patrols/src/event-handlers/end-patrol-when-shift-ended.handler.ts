import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { ShiftEndedEvent } from '#attendance';
import { rootLogger } from '#core';
import { CommandRunner } from '#realtime';
import { PatrolRunEnder } from '../commands/patrol-run-ender.js';
import { PatrolRuns } from '../persistence/patrol-run.repository.js';

/**
 * A guard who clocks out mid-patrol is no longer walking it: the run ends (SHIFT_END, at the
 * clock-out) instead of raising CHECKPOINT_MISSED and OVERDUE about a guard who went home, and of
 * blocking the guard's next `start_patrol`. This runs after the clock-out commits; should the node
 * stop in between (or this fail), the run's next deadline, the guard's next `start_patrol` or the
 * shift sweep (PatrolShiftSweep, every PATROL_SHIFT_SWEEP_MS) ends it instead.
 */
@EventsHandler(ShiftEndedEvent)
export class EndPatrolWhenShiftEnded implements IEventHandler<ShiftEndedEvent> {
  private readonly log = rootLogger().child({ context: 'patrols' });
  constructor(
    private readonly runner: CommandRunner,
    private readonly ender: PatrolRunEnder,
  ) {}

  async handle({ shift }: ShiftEndedEvent): Promise<void> {
    try {
      await this.runner.runSystem(async (uow) => {
        const run = await PatrolRuns.lockActiveOf(uow.tx, shift.guardId);
        if (run) await this.ender.endIfShiftEnded(uow, run);
      });
    } catch (e) {
      this.log.warn(
        { err: e, guardId: shift.guardId },
        'patrol not ended with the shift; the shift sweep will',
      );
    }
  }
}
