import { ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { AppError } from '../errors/app-error.js';
import { flattenValidationErrors } from '../errors/to-error-body.js';
import { FastValidationPipe } from '../fast-path/fast-validation.pipe.js';
import type { FastPathMode } from '../fast-path/fast-path-mode.js';
import {
  cacheValidationMetadataLookups,
  uncacheValidationMetadataLookups,
} from '../fast-path/validation-metadata-cache.js';

/** Unknown fields refused, no implicit conversion, failures as VALIDATION_FAILED `[{ field, constraints }]`. */
export const VALIDATION_OPTIONS: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  transformOptions: { enableImplicitConversion: false },
  validationError: { target: false, value: false },
  exceptionFactory: (errors) => AppError.validation(flattenValidationErrors(errors)),
};

/**
 * The one ValidationPipe configuration, installed once as the global pipe (createApp): Nest runs
 * global pipes for REST handlers and for gateway handlers alike, so a socket command is validated
 * by it exactly once (gateways add no pipe of their own). `FAST_PATH=off` gives Nest's plain
 * ValidationPipe over class-validator's own metadata lookups, to compare against (docs/fast-path.md).
 */
export function createValidationPipe(fastPath: FastPathMode = 'on'): ValidationPipe {
  if (fastPath === 'off') {
    uncacheValidationMetadataLookups();
    return new ValidationPipe(VALIDATION_OPTIONS);
  }
  cacheValidationMetadataLookups();
  return new FastValidationPipe(VALIDATION_OPTIONS);
}
