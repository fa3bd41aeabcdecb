import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, registerDecorator, type ValidationArguments } from 'class-validator';
import { DisplayName } from '../../validation/display-name.js';
import { geofenceProblem, type Geofence } from '../../geo/geofence.js';

function IsGeofence(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isGeofence',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => geofenceProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) =>
          `geofence: ${geofenceProblem(args?.value) ?? 'invalid'}`,
      },
    });
}

function IsTimeZone(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || value.length > 64) return false;
          try {
            new Intl.DateTimeFormat('en', { timeZone: value });
            return true;
          } catch {
            return false;
          }
        },
        defaultMessage: () => 'timezone must be an IANA time zone such as Europe/Berlin',
      },
    });
}

const GEOFENCE_DOC = {
  description:
    'Circle { center { lat, lng }, radiusM } or GeoJSON Polygon { type: "Polygon", coordinates: [[[lng, lat], ...]] }',
  example: { center: { lat: 52.52, lng: 13.405 }, radiusM: 250 },
};

export class CreateSiteDto {
  @DisplayName({ example: 'Harbour Warehouse' }) name: string;
  @ApiPropertyOptional({ example: 'Europe/Berlin', default: 'UTC' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;
  @ApiPropertyOptional(GEOFENCE_DOC) @IsOptional() @IsGeofence() geofence?: Geofence;
}

export class UpdateSiteDto {
  @DisplayName({ optional: true }) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsTimeZone() timezone?: string;
  @ApiPropertyOptional(GEOFENCE_DOC) @IsOptional() @IsGeofence() geofence?: Geofence;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class SiteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() timezone: string;
  @ApiPropertyOptional(GEOFENCE_DOC) geofence: Geofence | null;
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}
