import {
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  registerDecorator,
} from 'class-validator';

/** Every command may carry a clientEventId (UUID) for idempotent retries. */
export class CommandDto {
  @IsOptional() @IsUUID() clientEventId?: string;
}

function IsCursorMap(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCursorMap',
      target: target.constructor,
      propertyName: propertyName as string,
      validator: {
        validate: (value: unknown) =>
          !!value &&
          typeof value === 'object' &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 500 &&
          Object.entries(value).every(
            ([k, v]) => k.length <= 100 && typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
          ),
        defaultMessage: () => 'cursors must map stream names to integers >= 0 (at most 500 streams)',
      },
    });
}

export class SyncDto extends CommandDto {
  @IsObject() @IsCursorMap() cursors: Record<string, number>;
}

export class AuthRefreshDto extends CommandDto {
  @IsString() @MinLength(10) @MaxLength(4096) token: string;
}

export class SiteDto extends CommandDto {
  @IsUUID() siteId: string;
}
