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
 * The values this pipe built most recently: every instance of it validates the same way, so once is
 * enough. Nest runs the gateway pipe right after the global one, with only promise callbacks in
 * between, so a short ring finds the value; one that fell out is simply validated again. A hit
 * clears its slot (the value is needed for that one second pass only); values that never get a
 * second pass (REST bodies) stay until overwritten. A WeakSet of every value built cost an ephemeron
 * entry per command for the GC.
 */
export const RECENT_BUILDS = 64;
const built: (object | undefined)[] = new Array<object | undefined>(RECENT_BUILDS).fill(undefined);
let nextBuild = 0;

/**
 * Nest's ValidationPipe with two shortcuts. A flat payload that passes is built by the DTO's
 * precompiled rules (see precompiled-rules.ts); everything else, failures included, goes through
 * the full pipe. And a value this pipe already built passes as it is: Nest runs the global pipe
 * and then the gateway's own on every socket command, and the second pass, the full pipe on an
 * instance, was 7-9% of the server's CPU in the 10,000-guard fleet.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super(VALIDATION_OPTIONS);
  }

  /**
   * Answers with the value itself where it can (Nest awaits a pipe's answer either way): every socket
   * command passes each of its parameters through two instances of this pipe (the global one and the
   * gateway's), and a promise for each was garbage for nothing.
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the base class's signature (Promise<any>)
  override transform(value: unknown, metadata: ArgumentMetadata): any {
    // custom parameter decorators (the socket's principal, its receive time) are not validated
    // (validateCustomDecorators is off), as the base class decides in toValidate
    if (metadata.type === 'custom') return value;
    const dto = metadata.metatype as (new () => object) | undefined;
    if (dto && !PLAIN_TYPES.has(dto)) {
      if (value instanceof dto && forget(value)) return value;
      const valid = precompiledRules(dto)?.(value);
      if (valid) return remember(valid);
      return super.transform(value, metadata).then(remember);
    }
    return super.transform(value, metadata);
  }
}

/** The types the base class's toValidate leaves alone (it builds this list on every call). */
const PLAIN_TYPES = new Set<unknown>([String, Boolean, Number, Array, Object, Buffer, Date]);

/** Whether this pipe built `value` recently; its slot is freed. */
function forget(value: object): boolean {
  const i = built.indexOf(value);
  if (i < 0) return false;
  built[i] = undefined;
  return true;
}

function remember<T>(entity: T): T {
  if (entity !== null && typeof entity === 'object') {
    built[nextBuild] = entity;
    nextBuild = (nextBuild + 1) % RECENT_BUILDS;
  }
  return entity;
}

/** The one ValidationPipe configuration, used by REST and by gateways. */
export function createValidationPipe(): ValidationPipe {
  cacheValidationMetadataLookups();
  return new AppValidationPipe();
}
