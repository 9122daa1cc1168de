import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@seg/http';
import { Secretariat } from '@seg/auth';
import { AuditPage } from './audit-entry.dto';
import { AuditQuery } from './audit-query.dto';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** The audit trail, newest first. */
  @Get()
  @Secretariat()
  @ApiOkResponse({ type: AuditPage })
  @ApiErrors(400, 401, 403)
  list(@Query() query: AuditQuery): Promise<AuditPage> {
    return this.audit.list({ entity: query.entity, entityId: query.id, memberId: query.member }, query);
  }
}
