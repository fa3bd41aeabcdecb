import 'reflect-metadata';
import { validate } from 'class-validator';
import { OptionalIsoTime } from './optional-iso-time.js';

class RangeQuery {
  @OptionalIsoTime('from') from?: string;
}

const errorsFor = async (from: unknown) =>
  (await validate(Object.assign(new RangeQuery(), { from }))).flatMap((e) =>
    Object.keys(e.constraints ?? {}),
  );

describe('OptionalIsoTime', () => {
  it('accepts a missing value and a strict ISO-8601 time', async () => {
    expect(await errorsFor(undefined)).toEqual([]);
    expect(await errorsFor('2026-11-22T10:00:00Z')).toEqual([]);
  });

  it('refuses words, impossible dates and non-strings', async () => {
    expect(await errorsFor('yesterday')).toEqual(['isIso8601']);
    expect(await errorsFor('2026-02-30T10:00:00Z')).toEqual(['isIso8601']);
    expect(await errorsFor(42)).toEqual(['isIso8601']);
  });
});
