/** The subset of JSON Schema (draft 7, as AsyncAPI 3 embeds it) the catalogue writes. */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null' | JsonSchemaType[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: readonly (string | number | boolean | null)[];
  const?: string | number | boolean;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxProperties?: number;
  oneOf?: JsonSchema[];
  $ref?: string;
}
type JsonSchemaType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';

/** Where the AsyncAPI document keeps the shared schemas (components/schemas). */
export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

export const uuid: JsonSchema = { type: 'string', format: 'uuid' };
export const dateTime: JsonSchema = { type: 'string', format: 'date-time' };
export const bool: JsonSchema = { type: 'boolean' };
/** Leaves out the keys given as undefined, so that the document holds no empty keywords. */
const defined = (s: JsonSchema): JsonSchema =>
  Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as JsonSchema;

export const int = (minimum?: number, maximum?: number): JsonSchema =>
  defined({ type: 'integer', minimum, maximum });
export const num = (minimum?: number, maximum?: number): JsonSchema =>
  defined({ type: 'number', minimum, maximum });
export const text = (maxLength: number, minLength?: number, description?: string): JsonSchema =>
  defined({ type: 'string', minLength, maxLength, description });
export const oneOfValues = (values: readonly string[], description?: string): JsonSchema =>
  defined({ type: 'string', enum: values, description });
export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
export const nullable = (s: JsonSchema): JsonSchema => ({ oneOf: [s, { type: 'null' }] });
export const described = (description: string, s: JsonSchema): JsonSchema => ({ ...s, description });

/**
 * A closed object: `required` fields, then optional ones; no other key is allowed (commands refuse
 * unknown fields). Open views of the server (`open`) allow more keys than they name.
 */
export function closed(
  required: Record<string, JsonSchema>,
  optional: Record<string, JsonSchema> = {},
): JsonSchema {
  return object(required, optional, false);
}
export function open(
  required: Record<string, JsonSchema>,
  optional: Record<string, JsonSchema> = {},
): JsonSchema {
  return object(required, optional, true);
}
function object(
  required: Record<string, JsonSchema>,
  optional: Record<string, JsonSchema>,
  additionalProperties: boolean,
): JsonSchema {
  const names = Object.keys(required);
  return {
    type: 'object',
    properties: { ...required, ...optional },
    ...(names.length ? { required: names } : {}),
    additionalProperties,
  };
}
