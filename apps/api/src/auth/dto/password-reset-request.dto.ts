import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';

/**
 * What an emailed link's request answers, the same whether or not the address is a member's, so
 * the answer never tells a stranger who is one.
 */
export class LinkRequested {
  @ApiProperty({
    example: "If this address is a current member's, a link is on its way to it.",
  })
  message: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'a.gp@nhs.net', maxLength: 320 })
  @IsEmail()
  @MaxLength(320)
  email: string;
}
