import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { Transform } from 'class-transformer';

export class LoginDto {
  @ApiProperty({ example: 'supervisor1@demo.patrolshield.local' })
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.trim().toLowerCase() : value,
  )
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'demo-password' }) @IsString() @MinLength(1) @MaxLength(256) password: string;

  @ApiPropertyOptional({
    description: 'Binds the access token to this device (did claim)',
    example: 'android-7f3a',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[\w.:-]{1,128}$/, { message: 'deviceId must be 1-128 letters, digits, _ . : -' })
  deviceId?: string;
}

export class RefreshDto {
  @ApiProperty() @IsString() @MinLength(10) @MaxLength(512) refreshToken: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'Also revoke this refresh token family' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  refreshToken?: string;
}

export class UserViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['guard', 'supervisor', 'manager', 'admin'] }) role: string;
  @ApiProperty() active: boolean;
  @ApiProperty({ type: [String] }) siteIds: string[];
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty() refreshToken: string;
  @ApiProperty({ description: 'Access token lifetime in seconds', example: 900 }) expiresIn: number;
  @ApiProperty({ type: UserViewDto }) user: UserViewDto;
}
