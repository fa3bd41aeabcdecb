import 'reflect-metadata';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { COMMAND_CATALOGUE, type JsonSchema } from '#contract';
import { loadConfig } from '#core';
import { AppModule } from '../app.module.js';
import { gatewaysOf, subscribedCommands, type SubscribedCommand } from './gateway-commands.js';

// The application's own module tree (built, not started): a new feature's gateway is found too.
const app = AppModule.forRoot(loadConfig({ JWT_SECRET: 'x'.repeat(48) }), 'postgres://unused');
const commands = gatewaysOf([app]).flatMap(subscribedCommands);
const catalogued = COMMAND_CATALOGUE as Record<string, { roles: readonly string[]; payload: JsonSchema }>;
const storage = getMetadataStorage();

/** What the DTO's validation rules say: its fields, the ones without @IsOptional, @IsIn lists. */
function dtoShape(dto: new (...args: never[]) => object) {
  const byField = storage.groupByPropertyName(storage.getTargetValidationMetadatas(dto, '', false, false));
  const fields = Object.keys(byField).sort();
  const required = fields.filter(
    (f) => !byField[f].some((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION),
  );
  const enums = Object.fromEntries(
    fields.flatMap((f) => {
      const isIn = byField[f].find((r) => r.name === 'isIn');
      return isIn ? [[f, [...(isIn.constraints[0] as string[])].sort()]] : [];
    }),
  );
  return { fields, required: required.sort(), enums };
}

function catalogueShape(payload: JsonSchema) {
  const props = payload.properties ?? {};
  const enums = Object.fromEntries(
    Object.entries(props).flatMap(([f, s]) => (s.enum ? [[f, [...s.enum].sort()]] : [])),
  );
  return { fields: Object.keys(props).sort(), required: [...(payload.required ?? [])].sort(), enums };
}

describe('the contract catalogue against the gateways', () => {
  it('finds the gateways of every feature', () => {
    expect(commands.length).toBeGreaterThanOrEqual(20);
  });

  it('lists exactly the commands the gateways subscribe', () => {
    expect(commands.map((c) => c.name).sort()).toEqual(Object.keys(COMMAND_CATALOGUE).sort());
  });

  it.each(commands.map((c): [string, SubscribedCommand] => [c.name, c]))(
    '%s: the payload schema names the DTO fields, its required ones and its allowed values',
    (name, command) => {
      expect(command.dto).toBeDefined();
      expect(catalogueShape(catalogued[name].payload)).toEqual(dtoShape(command.dto!));
    },
  );

  it('gives each command the roles its gateway allows, where the gateway narrows them', () => {
    const narrowed = commands.filter((c) => c.roles?.length);
    expect(narrowed.length).toBeGreaterThan(5);
    for (const c of narrowed)
      expect([c.name, [...catalogued[c.name].roles].sort()]).toEqual([c.name, [...c.roles!].sort()]);
  });
});
