import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PlainText } from './plain-text.js';

const MAX = 120;

/**
 * The name people read for a user, site, route or checkpoint: plain text (markup and control
 * characters stripped), 1 to 120 characters after that. `optional` for updates.
 */
export const DisplayName = ({ example, optional = false }: { example?: string; optional?: boolean } = {}) =>
  applyDecorators(
    ...(optional
      ? [ApiPropertyOptional({ example, minLength: 1, maxLength: MAX }), IsOptional()]
      : [ApiProperty({ example, minLength: 1, maxLength: MAX })]),
    PlainText(MAX),
    IsString(),
    MinLength(1),
    MaxLength(MAX),
  );
