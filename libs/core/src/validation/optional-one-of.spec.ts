import 'reflect-metadata';
import { validate } from 'class-validator';
import { OptionalOneOf } from './optional-one-of.js';

class StatusQuery {
  @OptionalOneOf(['OPEN', 'CLOSED']) status?: string;
}

const errorsFor = async (status: unknown) =>
  (await validate(Object.assign(new StatusQuery(), { status }))).flatMap((e) =>
    Object.keys(e.constraints ?? {}),
  );

describe('OptionalOneOf', () => {
  it('accepts a missing value and each listed one', async () => {
    expect(await errorsFor(undefined)).toEqual([]);
    expect(await errorsFor('OPEN')).toEqual([]);
    expect(await errorsFor('CLOSED')).toEqual([]);
  });

  it('refuses values off the list, other cases and non-strings', async () => {
    expect(await errorsFor('PENDING')).toEqual(['isIn']);
    expect(await errorsFor('open')).toEqual(['isIn']);
    expect(await errorsFor(1)).toEqual(['isIn']);
  });
});
