import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength, MinLength, registerDecorator, ValidateIf } from 'class-validator';
import { DEVICE_KINDS, type DeviceKind } from '../domain/channel-rules.js';
import { pushSubscriptionProblem, type PushSubscriptionJson } from '../domain/push-subscription.js';

function IsPushSubscription(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPushSubscription',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => pushSubscriptionProblem(value) === null,
        defaultMessage: (args) => pushSubscriptionProblem(args?.value) ?? 'invalid subscription',
      },
    });
}

export class RegisterDeviceDto {
  @ApiProperty({ enum: DEVICE_KINDS }) @IsIn(DEVICE_KINDS) kind: DeviceKind;
  @ApiPropertyOptional({
    description:
      "webpush: the browser's PushSubscription JSON { endpoint, expirationTime?, keys: { p256dh, auth } }",
  })
  @ValidateIf((o: RegisterDeviceDto) => o.kind === 'webpush')
  @IsPushSubscription()
  subscription?: PushSubscriptionJson;
  @ApiPropertyOptional({ description: 'fcm: the registration token of the app' })
  @ValidateIf((o: RegisterDeviceDto) => o.kind === 'fcm')
  @IsString()
  @MinLength(8)
  @MaxLength(4096)
  token?: string;
}

export class DeviceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: DEVICE_KINDS }) kind: DeviceKind;
  @ApiProperty() createdAt: string;
}

export class VapidKeyDto {
  @ApiProperty({ description: 'applicationServerKey for PushManager.subscribe (base64url)' })
  publicKey: string;
}
