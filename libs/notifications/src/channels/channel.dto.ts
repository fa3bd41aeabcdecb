import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PageMetaDto, PlainText } from '#core';
import { CHANNEL_KINDS, NOTIFIABLE_EVENTS, type ChannelKind } from '../domain/channel-rules.js';

const TARGET_DOC =
  'webhook: an http(s) URL; email: a list of addresses; webpush, fcm: a list of roles whose ' +
  "members' registered devices are told (supervisor, manager, admin, guard)";

export class CreateChannelDto {
  @ApiProperty({ maxLength: 100 }) @IsString() @MinLength(1) @MaxLength(100) @PlainText(100) name: string;
  @ApiProperty({ enum: CHANNEL_KINDS }) @IsIn(CHANNEL_KINDS) kind: ChannelKind;
  @ApiProperty({
    description: TARGET_DOC,
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  })
  @IsDefined()
  target: string | string[];
  @ApiPropertyOptional({ type: [String], format: 'uuid', nullable: true, description: 'null: every site' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  siteIds?: string[] | null;
  @ApiProperty({ enum: NOTIFIABLE_EVENTS, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(NOTIFIABLE_EVENTS, { each: true })
  events: string[];
  @ApiPropertyOptional({ minimum: 1, maximum: 3, default: 1, description: 'lowest panic level sent' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3)
  minLevel?: number;
}

/** Any field of a channel may change except its kind (a secret belongs to a webhook). */
export class UpdateChannelDto extends PartialType(CreateChannelDto) {}

export class ChannelDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CHANNEL_KINDS }) kind: ChannelKind;
  @ApiProperty({ description: TARGET_DOC }) target: string | string[];
  @ApiProperty({ type: [String], nullable: true }) siteIds: string[] | null;
  @ApiProperty({ type: [String] }) events: string[];
  @ApiProperty() minLevel: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class CreatedChannelDto extends ChannelDto {
  @ApiPropertyOptional({ description: 'webhook only, answered once: the HMAC-SHA256 signing key' })
  secret?: string;
}

export class ChannelPageDto extends PageMetaDto {
  @ApiProperty({ type: [ChannelDto] }) items: ChannelDto[];
}
