import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy';

/** A signed-in member's new password, given with the one it replaces. */
export class ChangePasswordDto {
  @ApiProperty({ format: 'password', maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description:
      "Not the current password, not a common password, not the member's email address or name, at least 5 different characters and no control characters; compared in Unicode NFKC form",
  })
  // Only a string here: the policy (passwordProblem) judges it and says which rule it breaks,
  // counting characters rather than the UTF-16 units a length check here would count.
  @IsString()
  newPassword: string;
}
