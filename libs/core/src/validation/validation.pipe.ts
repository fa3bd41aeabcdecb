import { ValidationPipe, type ArgumentMetadata, type ValidationPipeOptions } from '@nestjs/common';
import { AppError } from '../errors/app-error.js';
import { flattenValidationErrors } from '../errors/to-error-body.js';
import { cacheValidationMetadataLookups } from './metadata-cache.js';
import { precompiledRules } from './precompiled-rules.js';

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
 * Nest's ValidationPipe with a shortcut for the common case: a flat payload that passes is built
 * by the DTO's precompiled rules (see precompiled-rules.ts); everything else, failures included,
 * goes through the full pipe.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super(VALIDATION_OPTIONS);
  }

  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.metatype && this.toValidate(metadata)) {
      const valid = precompiledRules(metadata.metatype as new () => object)?.(value);
      if (valid) return Promise.resolve(valid);
    }
    return super.transform(value, metadata);
  }
}

/** The one ValidationPipe configuration, used by REST and by gateways. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadataLookups();
  return new AppValidationPipe();
}
