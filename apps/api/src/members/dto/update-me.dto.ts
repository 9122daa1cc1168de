import { IsName, MayBeLeftOut } from '@seg/http';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { NoticePreferencesChange } from '../../notice-choices/notice-preferences.dto';
import { OwnMemberFields } from './member-fields.dto';

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

  /** Which kinds of meeting notice you get (those left out stay as they are); saved with the rest. */
  @MayBeLeftOut()
  // Without this an array of such objects passes, each checked and none applied.
  @IsObject({ message: 'must be an object such as { "reminders": false }' })
  @ValidateNested()
  @Type(() => NoticePreferencesChange)
  noticePreferences?: NoticePreferencesChange;
}
