import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { defaultMetadataStorage as transformerStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage } from 'class-validator';
import fc from 'fast-check';
import { AppError, precompiledRules, VALIDATION_OPTIONS, type FieldError } from '#core';
import { AppModule } from '../app.module.js';

type Dto = new () => object;
type Outcome = { ok: true; value: object } | { ok: false; fields: string[] };

// Loading the app module registers every DTO of the product with class-validator.
void AppModule;
const storage = getMetadataStorage();
const dtos = [
  ...(storage as unknown as { validationMetadatas: Map<unknown, unknown> }).validationMetadatas.keys(),
]
  .filter((target): target is Dto => typeof target === 'function')
  .sort((a, b) => a.name.localeCompare(b.name));
const fullPipe = new ValidationPipe(VALIDATION_OPTIONS);
const NOW = Date.now();
// As payloads arrive (JSON), and in this test realm: structuredClone would build another realm's objects.
const wire = (payload: unknown): unknown => JSON.parse(JSON.stringify(payload));

async function viaFullPipe(dto: Dto, payload: unknown): Promise<Outcome> {
  const metadata: ArgumentMetadata = { type: 'body', metatype: dto };
  try {
    return { ok: true, value: (await fullPipe.transform(wire(payload), metadata)) as object };
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    return { ok: false, fields: ((e.details ?? []) as FieldError[]).map((f) => f.field) };
  }
}

const properties = (dto: Dto) =>
  Object.keys(storage.groupByPropertyName(storage.getTargetValidationMetadatas(dto, '', false, false)));

/** Strings the DTO's own rules mention (IsIn lists, enums), so that allowed values get generated. */
function mentionedStrings(dto: Dto): string[] {
  const found = new Set<string>();
  const walk = (v: unknown, depth: number): void => {
    if (typeof v === 'string') found.add(v);
    else if (v && typeof v === 'object' && depth < 3) Object.values(v).forEach((x) => walk(x, depth + 1));
  };
  storage.getTargetValidationMetadatas(dto, '', false, false).forEach((r) => walk(r.constraints, 0));
  return [...found];
}

const flatValue = (dto: Dto) =>
  fc.oneof(
    fc.constantFrom(
      null,
      true,
      false,
      0,
      -0,
      1,
      -1,
      0.5,
      5,
      59,
      60,
      90,
      -90,
      90.0001,
      180,
      -181,
      360,
      1000,
      100_000,
      1e9,
    ),
    fc.integer({ min: -1_000_000, max: 1_000_000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom('', 'x', '1', 'true', 'guard', 'supervisor', 'a'.repeat(300), ...mentionedStrings(dto)),
    fc.string({ maxLength: 40 }),
    fc.uuid(),
    fc.integer({ min: -26 * 3600_000, max: 4 * 60_000 }).map((d) => new Date(NOW + d).toISOString()),
  );
const nestedValue = fc.oneof(
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
);

/** The class of a `@Type(() => X)` property (nested objects), else undefined. */
const nestedType = (dto: Dto, property: string): Dto | undefined =>
  transformerStorage.findTypeMetadata(dto, property)?.typeFunction() as Dto | undefined;

/** Payloads of a nested property's class: near-valid and random ones, as for a top-level DTO. */
async function nestedPayloads(dto: Dto, property: string) {
  const type = nestedType(dto, property);
  return type ? payloads(type, await valuesAcceptedPer(type)) : undefined;
}

/** For each property, the generated values the full pipe accepts there (so valid payloads come up). */
async function valuesAcceptedPer(dto: Dto): Promise<Map<string, unknown[]>> {
  const samples = fc.sample(flatValue(dto), { numRuns: 400, seed: 7 });
  const accepted = new Map<string, unknown[]>();
  for (const property of properties(dto)) {
    const good: unknown[] = [];
    const nested = await nestedPayloads(dto, property);
    const candidates = nested ? [...samples, ...fc.sample(nested, { numRuns: 200, seed: 11 })] : samples;
    for (const value of candidates) {
      const outcome = await viaFullPipe(dto, { [property]: value });
      if (outcome.ok || !outcome.fields.some((f) => f === property || f.startsWith(`${property}.`)))
        good.push(value);
    }
    accepted.set(property, good);
  }
  return accepted;
}

const isOptional = (dto: Dto, property: string) =>
  storage
    .getTargetValidationMetadatas(dto, '', false, false)
    .some((r) => r.propertyName === property && r.type === 'conditionalValidation');

/**
 * Half near-valid payloads (required properties set, optional ones now and then, each from the
 * values accepted there, then at most one property or an unknown key overwritten with anything),
 * half anything: all the properties and an unknown key, each present or not, any value.
 */
function payloads(dto: Dto, accepted: Map<string, unknown[]>): fc.Arbitrary<Record<string, unknown>> {
  const names = properties(dto);
  const anyValue = fc.oneof(flatValue(dto), nestedValue);
  // a nested property also gets objects of its class, valid, nearly valid or not at all
  const anythingAt = (p: string) => {
    const type = nestedType(dto, p);
    return type ? fc.oneof(anyValue, payloads(type, nestedAccepted.get(type)!)) : anyValue;
  };
  const anything = fc.oneof(...names.map(anythingAt));
  const good = (p: string) => {
    const values = accepted.get(p)!;
    return values.length ? fc.constantFrom(...values) : anythingAt(p);
  };
  const nearValid = fc
    .tuple(
      fc.record(Object.fromEntries(names.map((p) => [p, good(p)])), {
        requiredKeys: names.filter((p) => !isOptional(dto, p)),
      }),
      fc.option(fc.tuple(fc.constantFrom(...names, 'unknownField'), anything), { freq: 2 }),
    )
    .map(([payload, fault]) => (fault ? { ...payload, [fault[0]]: fault[1] } : payload));
  const random = fc.record(
    { ...Object.fromEntries(names.map((p) => [p, anythingAt(p)])), unknownField: anyValue },
    { requiredKeys: [] },
  );
  return fc.oneof(nearValid, random);
}

/** Values the shortcut decides itself: primitives and null, and plain objects of nested properties. */
const isSimple = (dto: Dto, payload: object): boolean =>
  Object.entries(payload).every(([key, v]) => {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) return true;
    const type = nestedType(dto, key);
    return !!type && typeof v === 'object' && !Array.isArray(v) && isSimple(type, v as object);
  });

/** The accepted values of every nested class, filled before the payloads are generated. */
const nestedAccepted = new Map<Dto, Map<string, unknown[]>>();
async function prepareNested(dto: Dto): Promise<void> {
  for (const property of properties(dto)) {
    const type = nestedType(dto, property);
    if (type && !nestedAccepted.has(type)) {
      nestedAccepted.set(type, await valuesAcceptedPer(type));
      await prepareNested(type);
    }
  }
}

/** Nested instances must be of their class, as class-transformer builds them. */
function expectSameClasses(dto: Dto, fast: object, full: object): void {
  for (const [key, value] of Object.entries(fast)) {
    const type = nestedType(dto, key);
    if (!type || value === null || typeof value !== 'object') continue;
    expect(Object.getPrototypeOf(value)).toBe(type.prototype);
    expect(Object.getPrototypeOf((full as Record<string, unknown>)[key])).toBe(type.prototype);
    expectSameClasses(type, value, (full as Record<string, object>)[key]);
  }
}

describe('precompiled rules against the full ValidationPipe, every DTO of the product', () => {
  it('finds the DTOs', () => {
    expect(dtos.map((d) => d.name)).toEqual(
      expect.arrayContaining(['UpdateLocationDto', 'ScanCheckpointDto', 'RaisePanicDto']),
    );
  });

  it('compiles the rules of the flat, frequent commands', () => {
    const compiled = dtos.filter((dto) => precompiledRules(dto)).map((d) => d.name);
    expect(compiled).toEqual(
      expect.arrayContaining([
        'UpdateLocationDto',
        'AcknowledgePanicDto',
        'StartPatrolDto',
        'ScanCheckpointDto',
        'RaisePanicDto',
        'StartShiftDto',
      ]),
    );
  });

  it.each(dtos.map((dto) => [dto.name, dto] as const))('%s: same answer on every payload', async (_, dto) => {
    const rules = precompiledRules(dto);
    if (!rules) return; // declined at compile time: the full pipe always runs for this DTO
    await prepareNested(dto);
    const accepted = await valuesAcceptedPer(dto);
    let validSeen = 0;
    let nestedBuilt = 0; // payloads the shortcut accepted with a nested object in them
    await fc.assert(
      fc.asyncProperty(payloads(dto, accepted), async (payload) => {
        const full = await viaFullPipe(dto, payload);
        const fast = rules(wire(payload));
        if (full.ok) validSeen++;
        if (
          fast &&
          Object.entries(fast).some(([k, v]) => nestedType(dto, k) && v !== null && typeof v === 'object')
        )
          nestedBuilt++;
        if (fast !== undefined) {
          // Whatever the shortcut builds is exactly what the full pipe returns.
          expect(full.ok).toBe(true);
          expect(Object.getPrototypeOf(fast)).toBe(dto.prototype);
          expect(Object.entries(fast)).toEqual(Object.entries((full as { value: object }).value));
          expectSameClasses(dto, fast, (full as { value: object }).value);
        } else if (isSimple(dto, payload)) {
          // A flat payload the full pipe accepts is never left to it.
          expect(full).toMatchObject({ ok: false });
        }
      }),
      { numRuns: 300, seed: 42 },
    );
    // Valid payloads were tried, unless one property only takes nested values (left to the full pipe).
    if ([...accepted.values()].every((good) => good.length)) expect(validSeen).toBeGreaterThan(0);
    // Where valid nested objects exist, the shortcut was seen building them (not only declining).
    const nestedGood = [...accepted].some(
      ([p, good]) => nestedType(dto, p) && good.some((v) => v !== null && typeof v === 'object'),
    );
    if (nestedGood) expect(nestedBuilt).toBeGreaterThan(0);
  });
});
