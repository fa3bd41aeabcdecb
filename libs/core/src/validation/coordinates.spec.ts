import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { IsLatitudeNumber, IsLongitudeNumber } from './coordinates.js';

class Point {
  @IsLatitudeNumber() lat: unknown;
  @IsLongitudeNumber() lng: unknown;
}
const errors = (lat: unknown, lng: unknown) =>
  validateSync(Object.assign(new Point(), { lat, lng })).map((e) => e.property);

describe('IsLatitudeNumber / IsLongitudeNumber', () => {
  it('accept finite numbers up to and including the poles and the antimeridian', () => {
    expect(errors(90, 180)).toEqual([]);
    expect(errors(-90, -180)).toEqual([]);
    expect(errors(0, 0)).toEqual([]);
  });
  it('refuse values out of range, non-finite numbers, strings and missing values', () => {
    expect(errors(90.000001, 180.000001)).toEqual(['lat', 'lng']);
    expect(errors(NaN, Infinity)).toEqual(['lat', 'lng']);
    expect(errors('52.5', '13.4')).toEqual(['lat', 'lng']);
    expect(errors(undefined, null)).toEqual(['lat', 'lng']);
  });
});
