import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ErrorCode } from '../errors/error-codes.js';

export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ enum: Object.values(ErrorCode), example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty({ example: 'Payload failed validation' }) message: string;
  @ApiPropertyOptional({
    description: 'VALIDATION_FAILED: [{ field, constraints }]; RATE_LIMITED: { retryAfterMs }',
    example: [{ field: 'email', constraints: { isEmail: 'email must be an email' } }],
  })
  details?: unknown;
}
