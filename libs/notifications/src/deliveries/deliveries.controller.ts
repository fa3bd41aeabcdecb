import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import { ApiErrors, Authenticated, PageMetaDto, PageQueryDto, toPage } from '#core';
import { DeliveryRepository } from './delivery.repository.js';

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() eventId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() channelId?: string;
}

export class DeliveryAttemptDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid', description: 'X-PatrolShield-Delivery: the same on every retry' })
  deliveryId: string;
  @ApiProperty({ format: 'uuid' }) channelId: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty() kind: string;
  @ApiProperty({ description: '1 for the first attempt' }) attempt: number;
  @ApiProperty({ enum: ['delivered', 'retrying', 'failed', 'skipped'] }) status: string;
  @ApiProperty({ nullable: true, type: Number }) httpStatus: number | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty() at: string;
}

export class DeliveryAttemptPageDto extends PageMetaDto {
  @ApiProperty({ type: [DeliveryAttemptDto] }) items: DeliveryAttemptDto[];
}

@ApiTags('notifications')
@Controller('notification-deliveries')
@Authenticated('admin')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveryRepository) {}

  @Get()
  @ApiOperation({ summary: 'Every delivery attempt (admin), oldest first; filter by event or channel' })
  @ApiOkResponse({ type: DeliveryAttemptPageDto })
  @ApiErrors(400)
  async list(@Query() q: ListDeliveriesQueryDto) {
    const { items, total } = await this.deliveries.listAttempts(q, (q.page - 1) * q.pageSize, q.pageSize);
    return toPage(items, total, q);
  }
}
