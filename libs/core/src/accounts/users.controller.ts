import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { UuidParam } from '../http/uuid-param.js';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/decorators.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { CreateUserDto, ListUsersQueryDto, SetUserSitesDto, UpdateUserDto, UserDto } from './dto/user.dto.js';
import { UsersService } from './users.service.js';
import { UserPageDto } from './dto/account-pages.dto.js';

@ApiTags('users')
@Controller('users')
@Authenticated('admin')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({ summary: 'Create a user (admin)' })
  @ApiCreatedResponse({ type: UserDto })
  @ApiErrors(400, 409)
  create(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List users (admin); filter by role, site, text' })
  @ApiOkResponse({ type: UserPageDto })
  @ApiErrors(400)
  list(@Query() q: ListUsersQueryDto) {
    return this.users.list(q);
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string) {
    return this.users.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a user; active=false revokes their sessions and live sockets at once' })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404, 409)
  update(@UuidParam() id: string, @Body() dto: UpdateUserDto) {
    return this.users.update(id, dto);
  }

  @Put(':id/sites')
  @ApiOperation({ summary: "Replace a user's site assignments; live sockets move rooms at once" })
  @ApiOkResponse({ type: UserDto })
  @ApiErrors(400, 404)
  setSites(@UuidParam() id: string, @Body() dto: SetUserSitesDto) {
    return this.users.setSites(id, dto.siteIds);
  }
}
