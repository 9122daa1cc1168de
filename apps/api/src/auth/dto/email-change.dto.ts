import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** The token of the link sent to a member's new address. */
export class EmailChangeDto {
  @ApiProperty({ description: 'The `token` parameter of the link in the email' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;
}

export class EmailChanged {
  @ApiProperty({ description: "The member's address from now on" })
  email: string;
}
