import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApiErrors,
  AppError,
  Authenticated,
  CurrentUser,
  isSiteStaff,
  UuidParam,
  type Principal,
} from '#core';
import { LocationHistoryPageDto, SiteLivePageDto } from './http/tracking-responses.dto.js';
import { LivePositionsQuery } from './queries/live-positions.query.js';
import { HistoryQueryDto, LocationHistoryQuery } from './queries/location-history.query.js';
import { NO_PANIC_REACH, PanicReach } from './ports/panic-reach.port.js';
import { SiteCache } from './state/site.cache.js';

@ApiTags('tracking')
@Controller()
export class TrackingController {
  constructor(
    private readonly historyQuery: LocationHistoryQuery,
    private readonly live: LivePositionsQuery,
    private readonly sites: SiteCache,
    private readonly reach: PanicReach,
  ) {}

  @Get('tracking/users/:id/history')
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: "A guard's location history (staff of the guard's sites, admins)" })
  @ApiOkResponse({ type: LocationHistoryPageDto })
  @ApiErrors(400, 404)
  history(@CurrentUser() me: Principal, @UuidParam() id: string, @Query() q: HistoryQueryDto) {
    return this.historyQuery.history(me, id, q);
  }

  @Get('sites/:id/live')
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({ summary: 'Latest position of every guard on shift at the site (site staff)' })
  @ApiOkResponse({ type: SiteLivePageDto })
  @ApiErrors(400, 404)
  async siteLive(@CurrentUser() me: Principal, @UuidParam() id: string) {
    if (!isSiteStaff(me, id) || !(await this.sites.get(id))) throw AppError.notFound('Site');
    const items = await this.live.guardsOnShift(id);
    const unreached = items.length && (await this.reach.sitesWithout([id])).has(id);
    const warnings = unreached ? [NO_PANIC_REACH] : [];
    return { siteId: id, items, total: items.length, page: 1, pageSize: items.length, warnings };
  }
}
