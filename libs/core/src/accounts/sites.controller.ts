import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { UuidParam } from '../http/uuid-param.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser } from '../auth/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { PageQueryDto } from '../http/pagination.js';
import { CreateSiteDto, SiteDto, UpdateSiteDto } from './dto/site.dto.js';
import { SitesService } from './sites.service.js';
import { SitePageDto } from './dto/account-pages.dto.js';
import { SiteMemberPageDto, SiteMembersQuery, SiteMembersQueryDto } from './site-members.query.js';

@ApiTags('sites')
@Controller('sites')
export class SitesController {
  constructor(
    private readonly sites: SitesService,
    private readonly memberList: SiteMembersQuery,
  ) {}

  @Post()
  @Authenticated('admin')
  @ApiOperation({ summary: 'Create a site (admin)' })
  @ApiCreatedResponse({ type: SiteDto })
  @ApiErrors(400)
  create(@Body() dto: CreateSiteDto) {
    return this.sites.create(dto);
  }

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'Sites visible to the caller (admins: all)' })
  @ApiOkResponse({ type: SitePageDto })
  @ApiErrors(400)
  list(@CurrentUser() me: Principal, @Query() q: PageQueryDto) {
    return this.sites.list(me, q);
  }

  @Get(':id')
  @Authenticated()
  @ApiOkResponse({ type: SiteDto })
  @ApiErrors(400, 404)
  get(@CurrentUser() me: Principal, @UuidParam() id: string) {
    return this.sites.get(me, id);
  }

  @Get(':id/members')
  @Authenticated('supervisor', 'manager', 'admin')
  @ApiOperation({
    summary: 'People assigned to the site, by name (site staff: supervisors, managers, admins)',
  })
  @ApiOkResponse({ type: SiteMemberPageDto })
  @ApiErrors(400, 404)
  members(@CurrentUser() me: Principal, @UuidParam() id: string, @Query() q: SiteMembersQueryDto) {
    return this.memberList.list(me, id, q);
  }

  @Patch(':id')
  @Authenticated('admin')
  @ApiOkResponse({ type: SiteDto })
  @ApiErrors(400, 404)
  update(@UuidParam() id: string, @Body() dto: UpdateSiteDto) {
    return this.sites.update(id, dto);
  }
}
