import fc from 'fast-check';

export type Schema = Record<string, any>;
export interface OpenApiDoc {
  paths: Record<string, unknown>;
  components?: { schemas?: Record<string, Schema> };
}

const CONTROL = ['\u0000', '\u0007', '\u001b', '\u007f', '\u202e', '\uD800', '\uDFFF', '\uDBFF'];
const TRICKY = [
  '',
  ' ',
  'NaN',
  'Infinity',
  '-0',
  '1e20',
  '9007199254740993',
  'null',
  'true',
  '[]',
  '{}',
  '%00',
  "' OR 1=1 --",
  '<script>x</script>',
  '__proto__',
  '../../etc/passwd',
  'a'.repeat(5000),
];

/** Strings with control characters, lone surrogates and tricky spellings of other types. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 24 }),
  fc.constantFrom(...TRICKY),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...CONTROL), fc.string({ maxLength: 8 }))
    .map((p) => p.join('')),
);

export const hugeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(1e20, -1e20, 1e308, -1e308, 2 ** 53 + 2, 2 ** 31, -(2 ** 31) - 1, 5e-324, 0.5, -1, 0),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Nested arrays and objects; named for fast-check's report (walking 3,000 levels overflows its printer). */
const nest = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  Object.defineProperty(v, fc.toStringMethod, { value: () => `nested(${depth})`, enumerable: false });
  return v;
};

/** Anything at all: random JSON, nasty strings, huge numbers, deep nesting. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  nastyString,
  hugeNumber,
  fc.integer({ min: 6, max: 3000 }).map(nest),
);

function resolve(schema: Schema, doc: OpenApiDoc): Schema {
  let s = schema;
  for (let i = 0; s?.$ref && i < 10; i++)
    s = doc.components?.schemas?.[String(s.$ref).split('/').pop()!] ?? {};
  if (s?.allOf?.length === 1) return resolve(s.allOf[0], doc);
  return s ?? {};
}

/** A value that mostly fits the schema (to get past the first check) and sometimes does not. */
function valueFor(schema: Schema, doc: OpenApiDoc, depth: number): fc.Arbitrary<unknown> {
  const s = resolve(schema, doc);
  if (depth > 3) return nastyValue;
  let fitting: fc.Arbitrary<unknown>;
  if (Array.isArray(s.enum) && s.enum.length) fitting = fc.constantFrom(...s.enum);
  else if (s.type === 'string' && s.format === 'uuid') fitting = fc.uuid();
  else if (s.type === 'string' && s.format === 'date-time')
    fitting = fc
      .date({
        noInvalidDate: true,
        min: new Date(Date.now() - 86_400_000),
        max: new Date(Date.now() + 86_400_000),
      })
      .map((d) => d.toISOString());
  else if (s.type === 'string')
    fitting = fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 60) });
  else if (s.type === 'integer') fitting = fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 1000 });
  else if (s.type === 'number')
    fitting = fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 1000, noNaN: true });
  else if (s.type === 'boolean') fitting = fc.boolean();
  else if (s.type === 'array') fitting = fc.array(valueFor(s.items ?? {}, doc, depth + 1), { maxLength: 4 });
  else if (s.properties) fitting = objectFor(s, doc, depth);
  else fitting = fc.jsonValue({ maxDepth: 2 });
  return fc.oneof({ weight: 4, arbitrary: fitting }, { weight: 1, arbitrary: nastyValue });
}

function objectFor(s: Schema, doc: OpenApiDoc, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Schema>))
    shape[k] = valueFor(v, doc, depth + 1);
  const known = fc.record(shape, { requiredKeys: (s.required ?? []) as string[] });
  const extra = fc.dictionary(nastyString, nastyValue, { maxKeys: 2 });
  return fc.oneof(
    { weight: 5, arbitrary: known },
    { weight: 1, arbitrary: fc.tuple(known, extra).map(([a, b]) => ({ ...b, ...a })) },
  );
}

/** A request body: an object for the schema, or sometimes anything at all. */
export function bodyArbitrary(schema: Schema, doc: OpenApiDoc): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 5, arbitrary: valueFor(schema, doc, 0) }, { weight: 1, arbitrary: nastyValue });
}

/** Query parameters: each present or not, fitting its schema, a nasty string or a huge number. */
export function queryArbitrary(
  params: { name: string; schema: Schema }[],
  doc: OpenApiDoc,
): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of params)
    shape[p.name] = fc.oneof(valueFor(p.schema ?? {}, doc, 2), nastyString, hugeNumber.map(String));
  return fc.record(shape, { requiredKeys: [] });
}
