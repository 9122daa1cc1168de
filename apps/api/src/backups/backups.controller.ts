import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Secretariat } from '@seg/auth';
import { ApiErrors } from '@seg/http';
import { BackupReportView } from './backup-report.dto';
import { BackupsService } from './backups.service';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('backups')
@Secretariat()
@ApiErrors(401, 403)
export class BackupsController {
  constructor(private readonly backups: BackupsService) {}

  /** The nightly database backup: its time, how long backups are kept, the last one and a failure since. */
  @Get()
  @ApiOkResponse({ type: BackupReportView })
  report(): Promise<BackupReportView> {
    return this.backups.report();
  }
}
