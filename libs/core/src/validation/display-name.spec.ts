import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DisplayName } from './display-name.js';

class Create {
  @DisplayName({ example: 'Harbour Warehouse' }) name: string;
}
class Update {
  @DisplayName({ optional: true }) name?: string;
}

const check = async <T extends object>(cls: new () => T, body: object) => {
  const dto = plainToInstance(cls, body);
  const errors = (await validate(dto)).flatMap((e) => Object.keys(e.constraints ?? {}));
  return { dto, errors };
};

describe('DisplayName', () => {
  it('keeps plain text and strips markup and control characters', async () => {
    const { dto, errors } = await check(Create, { name: ' <b>Gate</b> 4\u0007 ' });
    expect(errors).toEqual([]);
    expect(dto.name).toBe('Gate 4');
  });

  it('refuses a name that is missing, empty once stripped, or not a string', async () => {
    expect((await check(Create, {})).errors).toContain('isString');
    expect((await check(Create, { name: '<i></i>' })).errors).toEqual(['minLength']);
    expect((await check(Create, { name: 7 })).errors).toContain('isString');
  });

  it('caps a long name at 120 characters', async () => {
    const { dto, errors } = await check(Create, { name: 'x'.repeat(500) });
    expect(errors).toEqual([]);
    expect(dto.name).toHaveLength(120);
  });

  it('optional: a missing name passes, an empty one does not', async () => {
    expect((await check(Update, {})).errors).toEqual([]);
    expect((await check(Update, { name: '' })).errors).toEqual(['minLength']);
  });
});
