import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { AppError } from '../errors/app-error.js';
import { RECENT_BUILDS, createValidationPipe } from './validation.pipe.js';

class Point {
  @IsInt() x: number;
}
class Flat {
  @IsInt() @Min(0) n: number;
  @IsOptional() @IsString() note?: string;
}
class WithNested {
  @ValidateNested() @Type(() => Point) point: Point;
}
class SameShape {
  @IsInt() @Min(0) n: number;
  @IsOptional() @IsString() note?: string;
}

const body = (metatype: new () => object): ArgumentMetadata => ({ type: 'body', metatype });

describe('AppValidationPipe', () => {
  const global = createValidationPipe();
  const gateway = createValidationPipe();

  it('builds the DTO on the precompiled path and on the full one', async () => {
    const flat = await global.transform({ n: 1 }, body(Flat));
    expect(flat).toBeInstanceOf(Flat);
    expect(flat).toMatchObject({ n: 1 });
    const nested = (await global.transform({ point: { x: 2 } }, body(WithNested))) as WithNested;
    expect(nested).toBeInstanceOf(WithNested);
    expect(nested.point).toBeInstanceOf(Point);
  });

  it('passes what another instance of it built as it is (global pipe, then the gateway pipe)', async () => {
    const flat = await global.transform({ n: 1 }, body(Flat));
    expect(await gateway.transform(flat, body(Flat))).toBe(flat);
    const nested = await global.transform({ point: { x: 2 } }, body(WithNested));
    expect(await gateway.transform(nested, body(WithNested))).toBe(nested);
  });

  it('validates again a value built for another class, or changed into an unbuilt copy', async () => {
    const flat = (await global.transform({ n: 1 }, body(Flat))) as Flat;
    const again = await gateway.transform(flat, body(SameShape));
    expect(again).toBeInstanceOf(SameShape);
    expect(again).not.toBe(flat);
    await expect(gateway.transform({ ...flat, n: -1 }, body(Flat))).rejects.toBeInstanceOf(AppError);
  });

  it('validates again, and still accepts, a value built so long ago that it left the ring', async () => {
    const flat = (await global.transform({ n: 1 }, body(Flat))) as Flat;
    for (let i = 0; i < RECENT_BUILDS; i++) await global.transform({ n: i }, body(Flat));
    const again = await gateway.transform(flat, body(Flat));
    expect(again).toBeInstanceOf(Flat);
    expect(again).not.toBe(flat);
    expect(again).toMatchObject({ n: 1 });
  });

  it('refuses what fails with VALIDATION_FAILED and the field', async () => {
    await expect(global.transform({ n: -1 }, body(Flat))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'n', constraints: { min: expect.any(String) } }],
    });
    await expect(global.transform({ point: { x: 'a' } }, body(WithNested))).rejects.toMatchObject({
      details: [{ field: 'point.x' }],
    });
  });
});
