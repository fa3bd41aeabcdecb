import 'reflect-metadata';
import { getMetadataStorage, IsInt, IsString, validateSync } from 'class-validator';
import {
  cacheValidationMetadataLookups,
  uncacheValidationMetadataLookups,
} from './validation-metadata-cache.js';

class Base {
  @IsString() name: unknown;
}
class Child extends Base {
  @IsInt({ groups: ['strict'] }) count: unknown;
  @IsInt() size: unknown;
}
class LateRules {
  existing: unknown;
}

const storage = getMetadataStorage();
const lookup = (target: new () => object, groups?: string[]) =>
  storage.getTargetValidationMetadatas(target, '', false, false, groups);
const failing = (value: object, groups?: string[]) =>
  validateSync(value, { groups })
    .map((e) => e.property)
    .sort();
const before = { child: lookup(Child), strict: lookup(Child, ['strict']), base: lookup(Base) };

describe('cacheValidationMetadataLookups', () => {
  beforeAll(() => cacheValidationMetadataLookups());

  it("answers what class-validator's own lookup answered, inherited rules and groups included", () => {
    expect(lookup(Child)).toEqual(before.child);
    expect(lookup(Child, ['strict'])).toEqual(before.strict);
    expect(lookup(Base)).toEqual(before.base);
    expect(
      lookup(Child)
        .map((m) => m.propertyName)
        .sort(),
    ).toEqual(['count', 'name', 'size']);
    expect(lookup(Child, ['strict']).map((m) => m.propertyName)).toEqual(['count']);
  });

  it('remembers a lookup per class and options', () => {
    expect(lookup(Child)).toBe(lookup(Child));
    expect(lookup(Child, ['strict'])).not.toBe(lookup(Child));
    expect(storage.groupByPropertyName(lookup(Child))).toBe(storage.groupByPropertyName(lookup(Child)));
  });

  it('validates as before', () => {
    const bad = Object.assign(new Child(), { name: 1, count: 'x', size: 'y' });
    expect(failing(bad)).toEqual(['count', 'name', 'size']);
    expect(failing(bad, ['strict'])).toEqual(['count']);
    expect(failing(Object.assign(new Child(), { name: 'a', count: 1, size: 2 }))).toEqual([]);
  });

  it('forgets what it remembered when a rule is added later', () => {
    expect(failing(Object.assign(new LateRules(), { existing: 5 }))).toEqual([]);
    IsString()(LateRules.prototype, 'existing');
    expect(failing(Object.assign(new LateRules(), { existing: 5 }))).toEqual(['existing']);
  });

  it('installs once', () => {
    const patched = storage.getTargetValidationMetadatas;
    cacheValidationMetadataLookups();
    expect(storage.getTargetValidationMetadatas).toBe(patched);
  });

  it('can be taken out (FAST_PATH=off): class-validator answers again, and validates the same', () => {
    const cached = storage.getTargetValidationMetadatas;
    uncacheValidationMetadataLookups();
    try {
      expect(storage.getTargetValidationMetadatas).not.toBe(cached);
      expect(lookup(Child)).not.toBe(lookup(Child)); // a fresh array per call: class-validator's own
      expect(lookup(Child)).toEqual(before.child);
      expect(failing(Object.assign(new Child(), { name: 1, count: 1, size: 2 }))).toEqual(['name']);
    } finally {
      cacheValidationMetadataLookups();
    }
    expect(lookup(Child)).toBe(lookup(Child));
  });
});
