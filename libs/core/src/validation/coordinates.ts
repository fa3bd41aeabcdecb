import { applyDecorators } from '@nestjs/common';
import { IsNumber, Max, Min } from 'class-validator';

const finite = { allowNaN: false, allowInfinity: false };

/**
 * A latitude: a finite number in [-90, 90]. Range checks rather than class-validator's IsLatitude,
 * which also accepts strings and so formats every number into a string for a regex (0.7 µs a
 * coordinate against a few ns, on the `update_location` hot path).
 */
export const IsLatitudeNumber = (): PropertyDecorator => applyDecorators(IsNumber(finite), Min(-90), Max(90));

/** A longitude: a finite number in [-180, 180] (see IsLatitudeNumber). */
export const IsLongitudeNumber = (): PropertyDecorator =>
  applyDecorators(IsNumber(finite), Min(-180), Max(180));
