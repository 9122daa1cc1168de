import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One invalid field of a request, as API.md's error body lists it. */
export class FieldError {
  @ApiProperty({ example: 'email', description: 'The field, `a.b[0].c` for nested ones' })
  field: string;

  @ApiProperty({ example: 'must be an email' })
  message: string;
}

/** Every error answer has this body (API.md). */
export class ApiErrorBody {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ example: 'Bad Request' })
  error: string;

  @ApiProperty({ example: 'Invalid email' })
  message: string;

  @ApiPropertyOptional({ type: [FieldError], description: 'Each invalid field, when the error is about fields' })
  details?: FieldError[];

  @ApiPropertyOptional({ description: 'The request id of the logs' })
  requestId?: string;
}
