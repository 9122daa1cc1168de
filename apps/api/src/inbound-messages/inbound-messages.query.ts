import { ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@seg/http';
import { INBOUND_OUTCOMES, InboundOutcome } from '@seg/db';
import { IsIn, IsOptional } from 'class-validator';

export class InboundMessagesQuery extends PageQuery {
  /** Only messages found to be this; `unmatched` is what waits for a person in the Unmatched folder. */
  @ApiPropertyOptional({ enum: INBOUND_OUTCOMES })
  @IsOptional()
  @IsIn(INBOUND_OUTCOMES)
  outcome?: InboundOutcome;
}
