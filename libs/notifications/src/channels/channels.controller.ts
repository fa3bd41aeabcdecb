import { Body, Controller, Delete, Get, HttpCode, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, Authenticated, PageQueryDto, UuidParam } from '#core';
import {
  ChannelDto,
  ChannelPageDto,
  CreateChannelDto,
  CreatedChannelDto,
  UpdateChannelDto,
} from './channel.dto.js';
import { ChannelsService } from './channels.service.js';

/** Admin REST of notification channels (docs/protocol.md section 10). */
@ApiTags('notifications')
@Controller('notification-channels')
@Authenticated('admin')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Post()
  @ApiOperation({
    summary: 'Create a channel (admin); a webhook channel answers its signing secret here, once',
  })
  @ApiCreatedResponse({ type: CreatedChannelDto })
  @ApiErrors(400)
  create(@Body() dto: CreateChannelDto) {
    return this.channels.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'List channels (admin); secrets are never listed' })
  @ApiOkResponse({ type: ChannelPageDto })
  @ApiErrors(400)
  list(@Query() q: PageQueryDto) {
    return this.channels.list(q);
  }

  @Get(':id')
  @ApiOkResponse({ type: ChannelDto })
  @ApiErrors(400, 404)
  get(@UuidParam() id: string) {
    return this.channels.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, target, sites, events or minimum level (not the kind)' })
  @ApiOkResponse({ type: ChannelDto })
  @ApiErrors(400, 404)
  update(@UuidParam() id: string, @Body() dto: UpdateChannelDto) {
    return this.channels.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deleted, with its pending deliveries and their attempt log' })
  @ApiErrors(400, 404)
  async remove(@UuidParam() id: string): Promise<void> {
    await this.channels.remove(id);
  }
}
