import { ValidationPipe, type ArgumentMetadata, type ValidationPipeOptions } from '@nestjs/common';
import { precompiledRules } from './precompiled-rules.js';

/**
 * Fast path (docs/fast-path.md, "precompiled validation"): Nest's ValidationPipe, except that a
 * payload that passes is built by the DTO's precompiled rules (see precompiled-rules.ts) and
 * answered as it is, not as a promise (Nest awaits a pipe's answer either way; a promise per
 * parameter per command was garbage for nothing). Everything else, failures included, goes
 * through the base class, so errors are class-validator's own.
 */
export class FastValidationPipe extends ValidationPipe {
  constructor(options: ValidationPipeOptions) {
    super(options);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the base class's signature (Promise<any>)
  override transform(value: unknown, metadata: ArgumentMetadata): any {
    // custom parameter decorators (the socket's principal, its receive time) are not validated
    // (validateCustomDecorators is off), as the base class decides in toValidate
    if (metadata.type === 'custom') return value;
    const dto = metadata.metatype as (new () => object) | undefined;
    if (dto && !PLAIN_TYPES.has(dto)) {
      const valid = precompiledRules(dto)?.(value);
      if (valid) return valid;
    }
    return super.transform(value, metadata);
  }
}

/**
 * The types the base class's toValidate leaves alone (it builds this list on every call); the
 * canary spec checks the base class still skips exactly these.
 */
export const PLAIN_TYPES: ReadonlySet<unknown> = new Set<unknown>([
  String,
  Boolean,
  Number,
  Array,
  Object,
  Buffer,
  Date,
]);
