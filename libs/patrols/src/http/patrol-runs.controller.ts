import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Authenticated, CurrentUser, type Principal } from '#core';
import { PatrolQueries } from '../queries/patrol-queries.js';
import { PatrolRunsQueryDto } from './patrol-queries.dto.js';
import { PatrolRunPageDto } from './patrol-responses.dto.js';

@ApiTags('patrols')
@Controller('patrol-runs')
export class PatrolRunsController {
  constructor(private readonly queries: PatrolQueries) {}

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
