import { Param, ParseUUIDPipe } from '@nestjs/common';
import { AppError } from '../errors/app-error.js';

/** A UUID route parameter; anything else is VALIDATION_FAILED naming the parameter. */
export const UuidParam = (name = 'id'): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        AppError.validation([{ field: name, constraints: { isUuid: `${name} must be a UUID` } }]),
    }),
  );
