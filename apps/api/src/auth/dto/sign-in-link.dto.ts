import { ApiProperty } from '@nestjs/swagger';
import { ApiErrorBody } from '@seg/http';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

/** Whose sign-in link to email: it goes to that account's own address, if there is such an account. */
export class SignInLinkRequestDto {
  @ApiProperty({ example: 'a.gp@nhs.net', maxLength: 320 })
  @IsEmail()
  @MaxLength(320)
  email: string;
}

/** The token of the sign-in link in the email. */
export class SignInLinkDto {
  @ApiProperty({ description: 'The `token` parameter of the link in the email' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;
}

/** The 429 of a password sign-in while the account or the address is throttled. */
export class SignInThrottledBody extends ApiErrorBody {
  @ApiProperty({
    enum: [true],
    description: 'Always true: a sign-in link can be emailed to the account (POST /auth/sign-in-link)',
  })
  signInLinkAvailable: true;
}
