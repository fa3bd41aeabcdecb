import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from './error-response.dto.js';

const DESCRIPTIONS: Record<number, string> = {
  400: 'VALIDATION_FAILED: details lists [{ field, constraints }]',
  404: 'NOT_FOUND',
  409: 'CONFLICT: the change is not allowed in the current state',
  429: 'RATE_LIMITED: details.retryAfterMs',
  503: 'UNAVAILABLE: a dependency is down, retry later',
};

/** Documents the error responses a route can give, all in the ErrorResponseDto shape. */
export const ApiErrors = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({ status, type: ErrorResponseDto, description: DESCRIPTIONS[status] }),
    ),
  );
