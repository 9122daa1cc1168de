import { plainToInstance, Type } from 'class-transformer';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength, validate, ValidateNested } from 'class-validator';
import { flattenValidationErrors } from './field-errors';

class Visibility {
  @IsString()
  @MaxLength(20)
  email: string;
}

class Person {
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => Visibility)
  contactVisibility?: Visibility;
}

async function errorsOf(body: object) {
  return flattenValidationErrors(
    await validate(plainToInstance(Person, body), { whitelist: true, forbidNonWhitelisted: true }),
  );
}

describe('flattenValidationErrors', () => {
  it('says a missing required field is required, once', async () => {
    expect(await errorsOf({})).toEqual([{ field: 'name', message: 'is required' }]);
  });

  it('gives each broken rule of a field that is there', async () => {
    expect(await errorsOf({ name: '', email: 'not an email' })).toEqual([
      { field: 'name', message: 'must be longer than or equal to 1 characters' },
      { field: 'email', message: 'must be an email' },
    ]);
  });

  it('names nested and unknown fields plainly', async () => {
    expect(await errorsOf({ name: 'Ann', contactVisibility: { email: 7 }, role: 'admin' })).toEqual([
      { field: 'role', message: 'this field should not exist' },
      { field: 'contactVisibility.email', message: 'must be shorter than or equal to 20 characters' },
      { field: 'contactVisibility.email', message: 'must be a string' },
    ]);
  });

  it('names an unknown field whose name is no pattern (a bracket, a star), null or not', async () => {
    expect(await errorsOf({ name: 'Ann', ')': null, 'a*(': 2, role: null })).toEqual([
      { field: ')', message: 'this field should not exist' },
      { field: 'a*(', message: 'this field should not exist' },
      { field: 'role', message: 'this field should not exist' },
    ]);
  });
});
