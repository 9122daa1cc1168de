import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Secretariat } from '@seg/auth';
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
  list(@Query() query: AuditQuery) {
    return this.audit.list({ entity: query.entity, entityId: query.id }, query);
  }
}
