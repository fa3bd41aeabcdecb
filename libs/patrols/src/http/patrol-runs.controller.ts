import { Controller, Get, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Authenticated, CsvExport, CurrentUser, sendCsv, type Principal } from '#core';
import { PatrolRunsCsv, PatrolRunsExportQueryDto } from './patrol-runs-csv.js';
import { PatrolQueries } from '../queries/patrol-queries.js';
import { PatrolRunsQueryDto } from './patrol-queries.dto.js';
import { PatrolRunPageDto } from './patrol-responses.dto.js';

@ApiTags('patrols')
@Controller('patrol-runs')
export class PatrolRunsController {
  constructor(
    private readonly queries: PatrolQueries,
    private readonly csv: PatrolRunsCsv,
  ) {}

  @Get('export.csv')
  @Authenticated()
  @ApiOperation({ summary: 'Patrol runs as CSV (same visibility as the list), newest first, at most 10,000' })
  @CsvExport(
    'runId, route, siteId, guard, guardId, status, times, endedBy, scanned/checkpoints, skipped, overdue',
  )
  @ApiErrors(400, 404)
  async export(@CurrentUser() me: Principal, @Query() q: PatrolRunsExportQueryDto, @Res() res: Response) {
    const { filename, csv } = await this.csv.build(me, q);
    sendCsv(res, filename, csv);
  }

  @Get()
  @Authenticated()
  @ApiOperation({
    summary: 'Patrol runs, newest first: staff see their sites (admins: all), guards their own runs',
  })
  @ApiOkResponse({ type: PatrolRunPageDto })
  @ApiErrors(400, 404)
  list(@CurrentUser() me: Principal, @Query() q: PatrolRunsQueryDto) {
    return this.queries.runs(me, { siteId: q.siteId, status: q.status }, q);
  }
}
