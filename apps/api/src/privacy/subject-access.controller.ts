import { Controller, Get, Header } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Secretariat } from '@seg/auth';
import { ApiErrors, IdParam } from '@seg/http';
import { MyData } from './subject-access.dto';
import { SubjectAccessService } from './subject-access.service';

@ApiTags('privacy')
@ApiBearerAuth()
@Controller()
@Secretariat()
@ApiErrors(401, 403)
export class SubjectAccessController {
  constructor(private readonly subjectAccess: SubjectAccessService) {}

  /**
   * Everything held about a member, as GET /me/export gives it to them, for a request they make
   * another way; their reflective notes are withheld (they are the member's alone: the member
   * downloads them from My details).
   */
  @Get('members/:id/export')
  @Header('Content-Disposition', 'attachment; filename="seg-member-data.json"')
  @ApiOkResponse({ type: MyData })
  @ApiErrors(404)
  export(@IdParam() id: string): Promise<MyData> {
    return this.subjectAccess.export(id, false);
  }
}
