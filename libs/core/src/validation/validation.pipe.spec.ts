import 'reflect-metadata';
import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateNested } from 'class-validator';
import { FastValidationPipe } from '../fast-path/fast-validation.pipe.js';
import { createValidationPipe } from './validation.pipe.js';

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

const body = (metatype: new () => object): ArgumentMetadata => ({ type: 'body', metatype });

describe.each(['on', 'off'] as const)('createValidationPipe (FAST_PATH=%s)', (mode) => {
  let pipe: ValidationPipe;
  beforeAll(() => (pipe = createValidationPipe(mode)));
  afterAll(() => createValidationPipe('on')); // the process-wide metadata cache back as the app runs

  it('is the fast pipe only with the fast path on', () => {
    expect(pipe instanceof FastValidationPipe).toBe(mode === 'on');
  });

  it('builds the DTO, flat and nested', async () => {
    const flat = await pipe.transform({ n: 1 }, body(Flat));
    expect(flat).toBeInstanceOf(Flat);
    expect(flat).toMatchObject({ n: 1 });
    const nested = (await pipe.transform({ point: { x: 2 } }, body(WithNested))) as WithNested;
    expect(nested).toBeInstanceOf(WithNested);
    expect(nested.point).toBeInstanceOf(Point);
  });

  it('validates an instance it built again when handed it again (nothing is trusted by identity)', async () => {
    const flat = (await pipe.transform({ n: 1 }, body(Flat))) as Flat;
    flat.n = -1;
    await expect(pipe.transform(flat, body(Flat))).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('refuses what fails with VALIDATION_FAILED and the field', async () => {
    await expect(pipe.transform({ n: -1 }, body(Flat))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: 'n', constraints: { min: expect.any(String) } }],
    });
    await expect(pipe.transform({ n: 1, extra: true }, body(Flat))).rejects.toMatchObject({
      details: [{ field: 'extra' }],
    });
    await expect(pipe.transform({ point: { x: 'a' } }, body(WithNested))).rejects.toMatchObject({
      details: [{ field: 'point.x' }],
    });
  });
});
