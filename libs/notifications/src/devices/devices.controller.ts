import { Body, Controller, Delete, Get, HttpCode, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { ApiErrors, AppConfig, AppError, Authenticated, CurrentUser, UuidParam, type Principal } from '#core';
import { ChannelTargets } from '../channels/channel-targets.js';
import { DeviceRepository } from './device.repository.js';
import { DeviceDto, RegisterDeviceDto, VapidKeyDto } from './device.dto.js';

/** The caller's own push devices (Web Push subscriptions, FCM tokens). */
@ApiTags('notifications')
@Controller('me/devices')
@Authenticated()
export class DevicesController {
  constructor(
    private readonly config: AppConfig,
    private readonly devices: DeviceRepository,
    private readonly targets: ChannelTargets,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register this browser (webpush subscription) or app install (fcm token)' })
  @ApiCreatedResponse({ type: DeviceDto })
  @ApiErrors(400)
  async register(@CurrentUser() me: Principal, @Body() dto: RegisterDeviceDto): Promise<DeviceDto> {
    this.targets.requireConfigured(dto.kind);
    if (dto.kind === 'fcm') return this.devices.register(me.userId, 'fcm', dto.token!, null);
    const sub = dto.subscription!;
    await this.targets.pushEndpoint(sub.endpoint);
    return this.devices.register(me.userId, 'webpush', sub.endpoint, {
      endpoint: sub.endpoint,
      keys: { p256dh: sub.keys.p256dh, auth: sub.keys.auth },
    });
  }

  @Get('vapid-key')
  @ApiOperation({ summary: 'The VAPID public key browsers subscribe with' })
  @ApiOkResponse({ type: VapidKeyDto })
  @ApiErrors(404)
  vapidKey(): VapidKeyDto {
    if (!this.config.VAPID_PUBLIC_KEY) throw AppError.notFound('VAPID key (VAPID_PUBLIC_KEY is not set)');
    return { publicKey: this.config.VAPID_PUBLIC_KEY };
  }

  @Get()
  @ApiOkResponse({ type: [DeviceDto] })
  async list(@CurrentUser() me: Principal) {
    const items = await this.devices.listOf(me.userId);
    return { items, total: items.length, page: 1, pageSize: items.length };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Unregistered' })
  @ApiErrors(400, 404)
  async remove(@CurrentUser() me: Principal, @UuidParam() id: string): Promise<void> {
    if (!(await this.devices.remove(id, me.userId))) throw AppError.notFound('Device');
  }
}
