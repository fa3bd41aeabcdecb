import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** An optional ISO-8601 time in a query (`from`, `to` of the list and report endpoints). */
export const OptionalIsoTime = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description, format: 'date-time' }),
    IsOptional(),
    IsISO8601({ strict: true }),
  );
