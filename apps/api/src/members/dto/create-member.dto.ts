import { IsName } from '@seg/http';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { ROLES, type Role } from '@seg/db';
import { OwnMemberFields } from './member-fields.dto';

export class CreateMemberDto extends OwnMemberFields {
  /** Work email, also the login. */
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @IsString()
  @IsName()
  @MaxLength(120)
  name: string;

  /** A category code, e.g. `prison-gp`. */
  @IsString()
  @IsNotEmpty()
  category: string;

  /** A region code, e.g. `london`. */
  @IsOptional()
  @IsString()
  region?: string | null;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}
