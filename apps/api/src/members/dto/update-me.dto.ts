import { IsName } from '@seg/http';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { OwnMemberFields } from './member-fields';

/**
 * PATCH /me: only the member's own editable fields. Anything else in the body (role, status,
 * category, region, posts, email) is refused with a 400 by the whitelisting validation pipe.
 */
export class UpdateMeDto extends OwnMemberFields {
  @IsOptional()
  @IsString()
  @IsName()
  @MaxLength(120)
  name?: string;
}
