import { ApiProperty } from '@nestjs/swagger';

/** One login (a refresh token family) that can still be refreshed. */
export class SessionDto {
  @ApiProperty({ format: 'uuid', description: 'Stays the same across refreshes of that login' })
  id: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'Firefox on Windows',
    description: 'What signed in, from its User-Agent',
  })
  device: string | null;

  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiProperty({ format: 'date-time' })
  lastRefreshedAt: string;

  @ApiProperty({ format: 'date-time' })
  expiresAt: string;

  @ApiProperty({ description: 'Whether this is the login making the request' })
  current: boolean;
}

export class SessionPageDto {
  @ApiProperty({ type: [SessionDto] })
  items: SessionDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Always null: every session fits on one page' })
  nextCursor: null;

  @ApiProperty()
  total: number;
}

export class SessionsEndedDto {
  @ApiProperty({ description: 'How many logins ended' })
  ended: number;
}
