import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { Exclude, Expose, Transform, Type } from 'class-transformer';
import { defaultMetadataStorage as transformerStorage } from 'class-transformer/cjs/storage.js';
import {
  getMetadataStorage,
  IsOptional,
  Min,
  ValidateNested,
  ValidationTypes,
  validateSync,
} from 'class-validator';
import { PLAIN_TYPES } from './fast-validation.pipe.js';
import { installedVersion, versionWithin } from './installed-version.js';

/**
 * Canary of the precompiled validation and the validation metadata cache (docs/fast-path.md):
 * they read class-validator's and class-transformer's metadata storages (class-transformer's
 * through a deep import) and patch class-validator's. If this fails after an upgrade, re-read
 * precompiled-rules.ts and validation-metadata-cache.ts against the new library, run the
 * equivalence spec (apps/api/src/validation), then widen the range.
 */
class Inner {
  @Min(0) n: number;
}
class Probe {
  @IsOptional() @Min(3) @Transform(({ value }: { value: unknown }) => value) size?: number;
  @ValidateNested() @Type(() => Inner) inner: Inner;
  @Expose() shown: string;
  @Exclude() hidden: string;
}

describe('canary: the validation libraries under the fast path', () => {
  const storage = getMetadataStorage();

  it('runs on the versions it was checked against', () => {
    expect(versionWithin(installedVersion('class-validator'), '0.15.0', '0.16.0')).toBe(true);
    expect(versionWithin(installedVersion('class-transformer'), '0.5.1', '0.6.0')).toBe(true);
    expect(versionWithin(installedVersion('@nestjs/common'), '12.0.0', '13.0.0')).toBe(true);
  });

  it("class-transformer's deep-imported storage is the one its decorators write to", () => {
    expect(transformerStorage.findTypeMetadata(Probe, 'inner')?.typeFunction()).toBe(Inner);
    expect(transformerStorage.findTransformMetadatas(Probe, 'size', 0 /* PLAIN_TO_CLASS */)).toHaveLength(1);
    expect(transformerStorage.getExposedMetadatas(Probe).map((m) => m.propertyName)).toEqual(['shown']);
    expect(transformerStorage.getExcludedMetadatas(Probe).map((m) => m.propertyName)).toEqual(['hidden']);
  });

  it("class-validator's rules have the shape the compiler reads", () => {
    expect({ ...ValidationTypes }).toMatchObject({
      CUSTOM_VALIDATION: 'customValidation',
      CONDITIONAL_VALIDATION: 'conditionalValidation',
      IS_DEFINED: 'isDefined',
      WHITELIST: 'whitelistValidation',
      NESTED_VALIDATION: 'nestedValidation',
    });
    const rules = storage.getTargetValidationMetadatas(Probe, undefined as unknown as string, false, false);
    const grouped = storage.groupByPropertyName(rules);
    const min = grouped.size.find((r) => r.type === ValidationTypes.CUSTOM_VALIDATION)!;
    expect(min).toMatchObject({ propertyName: 'size', constraints: [3], each: false });
    const [constraint] = storage.getTargetValidatorConstraints(min.constraintCls);
    expect(constraint.async).toBe(false);
    const check = constraint.instance as { validate(v: unknown, a: unknown): unknown };
    const args = {
      value: 4,
      constraints: min.constraints,
      targetName: 'Probe',
      object: {},
      property: 'size',
    };
    expect([check.validate(4, args), check.validate(2, args)]).toEqual([true, false]);
    // IsOptional is a condition called with (object, value)
    const optional = grouped.size.find((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION)!;
    expect((optional.constraints[0] as (o: object, v: unknown) => boolean)({}, undefined)).toBe(false);
  });

  it('validate() looks rules up through the storage on every call (what the metadata cache answers)', () => {
    const asked = { lookup: 0, group: 0 };
    const [lookup, group] = [storage.getTargetValidationMetadatas, storage.groupByPropertyName];
    storage.getTargetValidationMetadatas = (...a) => (asked.lookup++, lookup.apply(storage, a));
    storage.groupByPropertyName = (...a) => (asked.group++, group.apply(storage, a));
    try {
      const valid = Object.assign(new Inner(), { n: 1 });
      validateSync(valid);
      validateSync(valid);
    } finally {
      Object.assign(storage, { getTargetValidationMetadatas: lookup, groupByPropertyName: group });
    }
    expect(asked.lookup).toBeGreaterThanOrEqual(2);
    expect(asked.group).toBeGreaterThanOrEqual(2);
  });

  it("Nest's ValidationPipe leaves exactly the plain types and custom decorators alone (the fast pipe's shortcut)", () => {
    const toValidate = (m: object) =>
      (new ValidationPipe() as unknown as { toValidate(m: object): boolean }).toValidate(m);
    for (const metatype of PLAIN_TYPES) expect(toValidate({ type: 'body', metatype })).toBe(false);
    expect(toValidate({ type: 'body', metatype: Probe })).toBe(true);
    expect(toValidate({ type: 'custom', metatype: Probe })).toBe(false);
  });
});
