import { ValidationPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error.js';
import { flattenValidationErrors } from '../errors/to-error-body.js';
import { cacheValidationMetadataLookups } from './metadata-cache.js';

/**
 * The one ValidationPipe configuration: unknown fields refused, types converted, every failure
 * reported as VALIDATION_FAILED with `[{ field, constraints }]`. Used by REST and by gateways.
 */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadataLookups();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => AppError.validation(flattenValidationErrors(errors)),
  });
}
