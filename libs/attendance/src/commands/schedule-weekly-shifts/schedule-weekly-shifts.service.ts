import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { AppError, ErrorCode, isSiteStaff, SiteEntity, type Principal } from '#core';
import { DataSource } from 'typeorm';
import { weeklyOccurrences } from '../../domain/weekly-pattern.js';
import type { ScheduledShiftView } from '../../persistence/shift.views.js';
import { ScheduleShiftCommand } from '../schedule-shift/schedule-shift.command.js';
import { ScheduleShiftDto } from '../schedule-shift/schedule-shift.dto.js';
import type { ScheduleWeeklyShiftsDto, SkippedShiftDto } from './schedule-weekly-shifts.dto.js';

/**
 * POST /shifts/weekly: expands a weekly pattern (site-local time) into planned shifts, each through
 * ScheduleShiftCommand, so each gets its `shift_scheduled` event and no-show deadline like one
 * planned by hand. An occurrence that overlaps a shift already planned is skipped and reported;
 * any other refusal (not a guard of the site) stops at the first occurrence, before anything is made.
 */
@Injectable()
export class ScheduleWeeklyShifts {
  constructor(
    private readonly commands: CommandBus,
    private readonly db: DataSource,
  ) {}

  async run(me: Principal, dto: ScheduleWeeklyShiftsDto) {
    if (!isSiteStaff(me, dto.siteId)) throw AppError.notFound('Site');
    const site = await this.db.getRepository(SiteEntity).findOneBy({ id: dto.siteId });
    if (!site) throw AppError.notFound('Site');
    const created: ScheduledShiftView[] = [];
    const skipped: SkippedShiftDto[] = [];
    for (const { startsAt, endsAt } of weeklyOccurrences({ ...dto, timeZone: site.timezone })) {
      const one = Object.assign(new ScheduleShiftDto(), {
        guardId: dto.guardId,
        siteId: dto.siteId,
        startsAt: startsAt.toISOString(),
        endsAt: endsAt.toISOString(),
      });
      try {
        created.push(
          await this.commands.execute<ScheduleShiftCommand, ScheduledShiftView>(
            new ScheduleShiftCommand(me, one),
          ),
        );
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== ErrorCode.CONFLICT) throw e;
        const scheduledShiftId = (e.details as { scheduledShiftId: string }).scheduledShiftId;
        skipped.push({ startsAt: one.startsAt, endsAt: one.endsAt, scheduledShiftId });
      }
    }
    return { created, skipped };
  }
}
