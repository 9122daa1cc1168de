import { ApiProperty } from '@nestjs/swagger';
import { ONE_TIME_TOKEN_PURPOSES, OneTimeTokenPurpose } from '@seg/db';
import { IsIn, IsString, MaxLength, MinLength } from 'class-validator';

/** An emailed link's token and what the link is for. */
export class LinkCheckDto {
  @ApiProperty({ description: 'The `token` parameter of the link in the email' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @ApiProperty({ enum: ONE_TIME_TOKEN_PURPOSES })
  @IsIn(ONE_TIME_TOKEN_PURPOSES)
  purpose: OneTimeTokenPurpose;
}

export class LinkStatusDto {
  @ApiProperty({
    description: 'False when the link has been used, has expired, was replaced by a newer email, or was never ours',
  })
  usable: boolean;
}
