import { defaultMetadataStorage as transformerStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';
import { cacheValidationMetadataLookups, validationRulesVersion } from './metadata-cache.js';

type Dto = new () => object;
type Rule = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];
type Check = { validate(value: unknown, args: ValidationArguments): unknown };

interface PropertyRules {
  name: string;
  conditions: Rule[];
  /** IsDefined first, then the other rules, as class-validator runs them. */
  checks: { rule: Rule; constraint: Check }[];
}

/** Builds a valid DTO from a payload, or answers undefined: then the full pipe decides and explains. */
export type PrecompiledRules = (payload: unknown) => object | undefined;

const storage = getMetadataStorage();
const isThenable = (v: unknown) => typeof (v as PromiseLike<unknown>).then === 'function';
const PRIMITIVE = new Set(['string', 'number', 'boolean']);
// The rule types whose success this path can decide exactly as class-validator does.
const SUPPORTED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
]);

/**
 * The success path of the ValidationPipe for flat DTOs, without class-transformer and without
 * class-validator's executor (a ValidationError per property, promise bookkeeping): at 2,000
 * fixes a second those were an eighth of the server's CPU. It calls the same constraint
 * instances with the same arguments, in the same order, and builds the instance the way
 * class-transformer does (`new Dto()`, then each key assigned). Anything it cannot decide exactly
 * (nested values, `each`, async rules, class-transformer decorators, a failure) returns
 * undefined and the full pipe runs, so errors and their messages are class-validator's own.
 * Equivalence is checked by a property-based spec over every DTO of the product.
 */
export function compileRules(dto: Dto): PrecompiledRules | null {
  const rules = storage.getTargetValidationMetadatas(dto, undefined as unknown as string, false, false);
  if (!rules.length || rules.some((r) => !SUPPORTED.has(r.type) || r.each || r.validateIf)) return null;
  if (
    transformerStorage.getExposedMetadatas(dto).length ||
    transformerStorage.getExcludedMetadatas(dto).length
  )
    return null;
  const grouped = storage.groupByPropertyName(rules);
  const properties: PropertyRules[] = [];
  for (const [name, own] of Object.entries(grouped)) {
    if (name in dto.prototype) return null; // class-transformer would skip an accessor or method
    if (transformerStorage.findTypeMetadata(dto, name)) return null;
    if (transformerStorage.findTransformMetadatas(dto, name, 0 /* PLAIN_TO_CLASS */).length) return null;
    const checks: PropertyRules['checks'] = [];
    for (const type of [ValidationTypes.IS_DEFINED, ValidationTypes.CUSTOM_VALIDATION])
      for (const rule of own.filter((r) => r.type === type)) {
        const constraints = storage.getTargetValidatorConstraints(rule.constraintCls);
        if (constraints.some((c) => c.async)) return null;
        for (const c of constraints) checks.push({ rule, constraint: c.instance as Check });
      }
    const conditions = own.filter((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION);
    properties.push({ name, conditions, checks });
  }
  const allowed = new Set(Object.keys(grouped));
  // class-validator's whitelist also sees the fields the constructor sets (initialisers).
  if (Object.keys(new dto()).some((key) => !allowed.has(key))) return null;

  return (payload) => {
    if (
      payload === null ||
      typeof payload !== 'object' ||
      Object.getPrototypeOf(payload) !== Object.prototype
    )
      return undefined;
    const entity = new dto() as Record<string, unknown>;
    for (const key of Object.keys(payload)) {
      if (!allowed.has(key)) return undefined; // whitelist: the full pipe names the property
      const value = (payload as Record<string, unknown>)[key];
      if (value !== null && !PRIMITIVE.has(typeof value)) return undefined; // nested: the full pipe
      entity[key] = value;
    }
    for (const { name, conditions, checks } of properties) {
      const value = entity[name];
      // Every condition is evaluated (IsOptional, ValidateIf), as class-validator does.
      let applies = true;
      for (const c of conditions)
        applies = (c.constraints[0] as (o: object, v: unknown) => boolean)(entity, value) && applies;
      if (!applies) continue;
      for (const { rule, constraint } of checks) {
        const args: ValidationArguments = {
          targetName: dto.name,
          property: name,
          object: entity,
          value,
          constraints: rule.constraints,
        };
        const ok = constraint.validate(value, args);
        if (!ok || isThenable(ok)) return undefined;
      }
    }
    return entity;
  };
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
