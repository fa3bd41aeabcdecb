import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsDefined,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { compileRules, precompiledRules } from './precompiled-rules.js';

class Fix {
  @IsNumber() @Min(-90) @Max(90) lat: number;
  @IsOptional() @IsInt() @Min(0) accuracy?: number;
  @IsOptional() @IsString() note?: string | null;
}
class WithDefault {
  @IsOptional() @IsInt() page = 1;
}
class Required {
  @IsOptional() @IsDefined() must?: unknown;
  @IsDefined() always: unknown;
}
class Nested {
  @ValidateNested() @Type(() => Fix) fix: Fix;
}
class OptionalNested {
  @IsOptional() @ValidateNested() @Type(() => Fix) fix?: Fix;
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  code: string;
}
class NestedWithoutType {
  @ValidateNested() fix: Fix;
}
class Recursive {
  @IsOptional() @ValidateNested() @Type(() => Recursive) next?: Recursive;
}
class InitialisedNested {
  @ValidateNested() @Type(() => Fix) fix = new Fix();
}
class GroupedTransform {
  @Transform(({ value }: { value: unknown }) => value, { groups: ['x'] }) @IsInt() n: number;
}
class Converted {
  @Type(() => Number) @IsInt() n: number;
}
class Each {
  @IsInt({ each: true }) ids: number[];
}
class Grouped {
  @IsInt({ groups: ['x'] }) n: number;
}
class Conditional {
  @ValidateIf((o: { n?: number }) => o.n !== 0) @IsInt() n: number;
}
class Undecorated {
  @IsInt() n: number;
  extra = 'set by the constructor';
}
class AsyncRule {
  @IsAsyncTrue() n: unknown;
}
class Empty {}
class LateRule {
  @IsOptional() @IsInt() n?: number;
}
function IsAsyncTrue(): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      target: target.constructor,
      propertyName: propertyName as string,
      async: true,
      validator: { validate: () => Promise.resolve(true) },
    });
}

describe('compileRules', () => {
  const fix = compileRules(Fix)!;

  it('builds the instance for a payload that passes', () => {
    const out = fix({ lat: 52.5, accuracy: 3, note: null });
    expect(out).toBeInstanceOf(Fix);
    expect({ ...out }).toEqual({ lat: 52.5, accuracy: 3, note: null });
    expect(fix({ lat: -90 })).toBeInstanceOf(Fix);
  });

  it('leaves failures, unknown keys, nested values and non-objects to the full pipe', () => {
    for (const payload of [
      { lat: 91 },
      { lat: '52' },
      {},
      { lat: 1, accuracy: 1.5 },
      { lat: 1, extra: 1 },
      { lat: 1, note: { text: 'x' } },
      { lat: 1, note: ['x'] },
      [],
      null,
      'lat',
      Object.assign(Object.create(null) as object, { lat: 1 }),
    ])
      expect(fix(payload)).toBeUndefined();
  });

  it('keeps constructor defaults and runs IsDefined as class-validator does', () => {
    expect({ ...compileRules(WithDefault)!({}) }).toEqual({ page: 1 });
    expect({ ...compileRules(WithDefault)!({ page: 3 }) }).toEqual({ page: 3 });
    const required = compileRules(Required)!;
    expect(required({ always: 0 })).toBeInstanceOf(Required);
    expect(required({})).toBeUndefined();
    expect(required({ always: null })).toBeUndefined();
  });

  it('builds nested objects with their own rules, and applies @Transform as class-transformer does', () => {
    const nested = compileRules(Nested)!;
    const out = nested({ fix: { lat: 1, accuracy: 2 } }) as Nested;
    expect(out).toBeInstanceOf(Nested);
    expect(out.fix).toBeInstanceOf(Fix);
    expect({ ...out.fix }).toEqual({ lat: 1, accuracy: 2 });
    expect(nested({})).toBeInstanceOf(Nested); // ValidateNested skips a missing value, as class-validator does
    for (const payload of [
      { fix: { lat: 91 } },
      { fix: { lat: 1, extra: 1 } },
      { fix: null },
      { fix: 5 },
      { fix: [{ lat: 1 }] },
    ])
      expect(nested(payload)).toBeUndefined();
    const optional = compileRules(OptionalNested)!;
    expect({ ...optional({ fix: null, code: '  A1 ' }) }).toEqual({ fix: null, code: 'A1' });
    expect(optional({ code: 7 })).toBeUndefined();
  });

  it('declines the rules it cannot decide exactly', () => {
    for (const dto of [
      Converted,
      Each,
      Undecorated,
      AsyncRule,
      Empty,
      NestedWithoutType,
      Recursive,
      GroupedTransform,
      InitialisedNested,
    ])
      expect([dto.name, compileRules(dto)]).toEqual([dto.name, null]);
  });

  it('applies ValidateIf and group-tagged rules as validate() without groups does', () => {
    const conditional = compileRules(Conditional)!;
    expect(conditional({ n: 0 })).toBeInstanceOf(Conditional);
    expect(conditional({ n: 2 })).toBeInstanceOf(Conditional);
    expect(conditional({ n: 0.5 })).toBeUndefined();
    expect(compileRules(Grouped)!({ n: 'x' })).toBeUndefined();
    expect(compileRules(Grouped)!({ n: 1 })).toBeInstanceOf(Grouped);
  });

  it('compiles again after a rule is added', () => {
    expect(precompiledRules(LateRule)!({ n: 5 })).toBeInstanceOf(LateRule);
    Max(3)(LateRule.prototype, 'n');
    expect(precompiledRules(LateRule)!({ n: 5 })).toBeUndefined();
    expect(precompiledRules(LateRule)!({ n: 2 })).toBeInstanceOf(LateRule);
  });
});
