import { Body, Controller, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '@seg/audit';
import { Secretariat } from '@seg/auth';
import { ApiErrors } from '@seg/http';
import { CurrentActor } from '../audit/actor.decorator';
import { ImportQuery } from '../members/dto/import-query.dto';
import { AttendanceImportService } from './attendance-import.service';
import { AttendanceImportResult } from './dto/attendance-import.dto';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller('attendance')
@Secretariat()
@ApiErrors(401, 403)
export class AttendanceImportController {
  constructor(private readonly importer: AttendanceImportService) {}

  /**
   * The summits' past attendance (text/csv): columns email and summit (its number), and for a
   * summit not yet in the archive its year (title, venue and hours optional). Per row: recorded,
   * restored, already, or its errors. `?dryRun=true` answers the same report and saves nothing.
   */
  @Post('import')
  @ApiConsumes('text/csv')
  @ApiCreatedResponse({
    type: AttendanceImportResult,
    description: 'Per row: recorded, restored, already, or its errors',
  })
  @ApiErrors(400, 413, 415)
  @ApiBody({ schema: { type: 'string', example: 'email,summit,hours\nann@example.org,9,6\n' } })
  import(
    @Body() csv: string,
    @Query() query: ImportQuery,
    @CurrentActor() actor: Actor,
  ): Promise<AttendanceImportResult> {
    return this.importer.import(csv, actor, query.dryRun === true);
  }
}
