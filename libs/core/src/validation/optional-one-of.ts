import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

/**
 * An optional field whose value must be one of a fixed list (a status, priority or role filter,
 * a change to one of them): the Swagger enum and the check come from the same list.
 */
export const OptionalOneOf = (values: readonly string[], description?: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ enum: [...values], ...(description ? { description } : {}) }),
    IsOptional(),
    IsIn([...values]),
  );
