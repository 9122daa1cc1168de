import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, MaxLength } from 'class-validator';

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'a.gp@nhs.net', maxLength: 320 })
  @IsEmail()
  @MaxLength(320)
  email: string;
}
