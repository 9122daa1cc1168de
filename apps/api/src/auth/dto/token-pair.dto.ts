import { ApiProperty } from '@nestjs/swagger';
import { MEMBER_STATUSES, MemberStatus, Role, ROLES } from '@seg/db';

export class SessionUserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'a.gp@nhs.net' })
  email: string;

  @ApiProperty({ example: 'Dr Asha Patel' })
  name: string;

  @ApiProperty({ enum: ROLES })
  role: Role;

  @ApiProperty({ enum: MEMBER_STATUSES })
  status: MemberStatus;

  @ApiProperty({
    description: "The secretariat's screens are theirs (role secretariat or admin), as every route decides it",
  })
  isSecretariat: boolean;
}

export class TokenPairDto {
  @ApiProperty({ description: 'JWT (HS256) to send as `Authorization: Bearer <accessToken>`' })
  accessToken: string;

  @ApiProperty({ description: 'Opaque; single use: each refresh answers a new one and voids this one' })
  refreshToken: string;

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn: number;

  @ApiProperty({
    description: 'Seconds until the login ends: refreshing does not extend it; then log in again',
    example: 2592000,
  })
  refreshExpiresIn: number;

  @ApiProperty({ type: SessionUserDto })
  user: SessionUserDto;
}
