import { defaultMetadataStorage as transformerStorage } from 'class-transformer/cjs/storage.js';
import type { TransformFnParams } from 'class-transformer';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import { cacheValidationMetadataLookups, validationRulesVersion } from './validation-metadata-cache.js';

type Dto = new () => object;
type Rule = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];
type Check = { validate(value: unknown, args: ValidationArguments): unknown };

interface PropertyRules {
  name: string;
  conditions: Rule[];
  /** IsDefined first, then the other rules, as class-validator runs them. */
  checks: { rule: Rule; constraint: Check }[];
  /** `@ValidateNested() @Type(() => X)`: X's own precompiled rules build and check the value. */
  nested?: PrecompiledRules;
}
type TransformFn = (params: TransformFnParams) => unknown;
// What the pipe hands class-transformer (VALIDATION_OPTIONS.transformOptions); @Transform functions get it.
const TRANSFORM_OPTIONS = { enableImplicitConversion: false };
const PLAIN_TO_CLASS = 0;

/** Builds a valid DTO from a payload, or answers undefined: then the full pipe decides and explains. */
export type PrecompiledRules = (payload: unknown) => object | undefined;

const storage = getMetadataStorage();
const NONE = Object.freeze({});
const isThenable = (v: unknown) => typeof (v as PromiseLike<unknown>).then === 'function';
const PRIMITIVE = new Set(['string', 'number', 'boolean']);
// The rule types whose success this path can decide exactly as class-validator does.
const SUPPORTED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
  ValidationTypes.NESTED_VALIDATION,
]);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype;
/** Classes being compiled: a DTO nested in itself is left to the full pipe. */
const compiling = new Set<Dto>();

/**
 * Fast path (docs/fast-path.md, "precompiled validation"; canary: precompiled-rules.canary.spec.ts).
 * The success path of the ValidationPipe, without class-transformer and without class-validator's
 * executor (a ValidationError per property, promise bookkeeping): at 2,000 fixes a second those
 * were an eighth of the server's CPU. It calls the same constraint instances with the same
 * arguments, in the same order, and builds the instance the way class-transformer does
 * (`new Dto()`, then each key assigned; a nested object of a `@ValidateNested() @Type(() => X)`
 * property is built and checked by X's own rules first; `@Transform` functions are called as
 * class-transformer calls them). Anything it cannot decide exactly (arrays, `each`, async rules,
 * @Expose/@Exclude, grouped transforms, a failure) returns undefined and the full pipe runs, so
 * errors and their messages are class-validator's own.
 * Equivalence is checked by a property-based spec over every DTO of the product.
 */
export function compileRules(dto: Dto): PrecompiledRules | null {
  if (compiling.has(dto)) return null;
  compiling.add(dto);
  try {
    return compile(dto);
  } finally {
    compiling.delete(dto);
  }
}

/** The nested DTO's rules for a `@ValidateNested() @Type(() => X)` property; null when not exact. */
function nestedRules(dto: Dto, name: string, own: Rule[]): PrecompiledRules | null | undefined {
  const type = transformerStorage.findTypeMetadata(dto, name);
  const validatesNested = own.some((r) => r.type === ValidationTypes.NESTED_VALIDATION);
  if (!type && !validatesNested) return undefined; // a plain property
  // the type must not depend on the value (discriminators, options read by the type function)
  if (!type || !validatesNested || type.options?.discriminator || type.typeFunction.length) return null;
  return compileRules(type.typeFunction() as Dto);
}

function compile(dto: Dto): PrecompiledRules | null {
  const rules = storage.getTargetValidationMetadatas(dto, undefined as unknown as string, false, false);
  if (!rules.length || rules.some((r) => !SUPPORTED.has(r.type) || r.each || r.validateIf)) return null;
  if (
    transformerStorage.getExposedMetadatas(dto).length ||
    transformerStorage.getExcludedMetadatas(dto).length
  )
    return null;
  const grouped = storage.groupByPropertyName(rules);
  const transformsOf = new Map<string, TransformFn[]>();
  const properties: PropertyRules[] = [];
  for (const [name, own] of Object.entries(grouped)) {
    if (name in dto.prototype) return null; // class-transformer would skip an accessor or method
    const nested = nestedRules(dto, name, own);
    if (nested === null) return null;
    const transforms = transformerStorage.findTransformMetadatas(dto, name, PLAIN_TO_CLASS);
    // grouped or versioned transforms, or one on a nested object: the full pipe
    if (
      transforms.some(
        (t) => t.options?.groups?.length || t.options?.since !== undefined || t.options?.until !== undefined,
      )
    )
      return null;
    if (nested && transforms.length) return null;
    if (transforms.length)
      transformsOf.set(
        name,
        transforms.map((t) => t.transformFn),
      );
    const checks: PropertyRules['checks'] = [];
    for (const type of [ValidationTypes.IS_DEFINED, ValidationTypes.CUSTOM_VALIDATION])
      for (const rule of own.filter((r) => r.type === type)) {
        const constraints = storage.getTargetValidatorConstraints(rule.constraintCls);
        if (constraints.some((c) => c.async)) return null;
        for (const c of constraints) checks.push({ rule, constraint: c.instance as Check });
      }
    const conditions = own.filter((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION);
    properties.push({ name, conditions, checks, nested });
  }
  const nestedOf = new Map(properties.filter((p) => p.nested).map((p) => [p.name, p.nested!]));
  const allowed = new Set(Object.keys(grouped));
  // class-validator's whitelist also sees the fields the constructor sets (initialisers); a nested
  // object set there would be validated by class-validator but never seen by this path.
  const fresh = Object.entries(new dto());
  if (fresh.some(([key, value]) => !allowed.has(key) || (nestedOf.has(key) && value !== undefined)))
    return null;

  // One arguments object per DTO, refilled for each check: the checks are synchronous (async rules
  // are refused above, a thenable answer goes to the full pipe) and a fresh object per check per
  // command was most of this path's garbage.
  const args: ValidationArguments = {
    targetName: dto.name,
    property: '',
    object: NONE,
    value: undefined,
    constraints: [],
  };
  return (payload) => {
    if (!isPlainObject(payload)) return undefined;
    const entity = new dto() as Record<string, unknown>;
    for (const key of Object.keys(payload)) {
      if (!allowed.has(key)) return undefined; // whitelist: the full pipe names the property
      const value = payload[key];
      const nested = nestedOf.get(key);
      if (nested && isPlainObject(value)) {
        const built = nested(value); // checked here: class-validator checks nested objects last
        if (!built) return undefined;
        entity[key] = built;
      } else if (value === null || PRIMITIVE.has(typeof value)) {
        let built = value;
        // @Transform functions in declaration order, as class-transformer calls them
        const transforms = transformsOf.get(key);
        if (transforms)
          for (const fn of transforms)
            built = fn({ value: built, key, obj: payload, type: PLAIN_TO_CLASS, options: TRANSFORM_OPTIONS });
        entity[key] = built;
      } else return undefined; // arrays, objects elsewhere: the full pipe
    }
    const ok = passes(entity);
    // not kept alive by this long-lived closure until the next command
    args.object = NONE;
    args.value = undefined;
    return ok ? entity : undefined;
  };

  function passes(entity: Record<string, unknown>): boolean {
    for (const { name, conditions, checks, nested } of properties) {
      const value = entity[name];
      // Every condition is evaluated (IsOptional, ValidateIf), as class-validator does.
      let applies = true;
      for (const c of conditions)
        applies = (c.constraints[0] as (o: object, v: unknown) => boolean)(entity, value) && applies;
      if (!applies) continue;
      // a nested property holding anything but the object built above fails ValidateNested
      if (nested && value !== undefined && (value === null || typeof value !== 'object')) return false;
      for (const { rule, constraint } of checks) {
        args.property = name;
        args.object = entity;
        args.value = value;
        args.constraints = rule.constraints;
        const ok = constraint.validate(value, args);
        if (!ok || isThenable(ok)) return false;
      }
    }
    return true;
  }
}

let compiledAt = -1;
let compiled = new WeakMap<Dto, PrecompiledRules | null>();

/** The compiled rules of a DTO class, compiled once and again after a rule is added anywhere. */
export function precompiledRules(dto: Dto): PrecompiledRules | null {
  if (compiledAt !== validationRulesVersion()) {
    cacheValidationMetadataLookups(); // what bumps the version when rules are added
    compiled = new WeakMap();
    compiledAt = validationRulesVersion();
  }
  let rules = compiled.get(dto);
  if (rules === undefined) compiled.set(dto, (rules = compileRules(dto)));
  return rules;
}
