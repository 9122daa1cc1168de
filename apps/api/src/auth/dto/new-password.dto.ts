import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy';

/** A one-time token from an email link and the password to set with it. */
export class NewPasswordDto {
  @ApiProperty({ description: 'The `token` parameter of the link in the email' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description:
      "Not a common password, not the member's email address or name, at least 5 different characters and no control characters; compared in Unicode NFKC form",
  })
  // Only a string here: the policy (passwordProblem) judges it and says which rule it breaks,
  // counting characters rather than the UTF-16 units a length check here would count.
  @IsString()
  password: string;
}
