import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember } from '@seg/auth';
import { ApiError, ApiErrors, CSV_CONTENT_TYPE, download, IdParam } from '@seg/http';
import {
  CreateLearningEntryDto,
  LearningItem,
  LearningSettingsDto,
  LearningYearQuery,
  MyLearning,
  UpdateLearningDto,
} from './dto/my-learning.dto';
import { MyLearningService } from './my-learning.service';

/**
 * My learning: the member's own record of learning for their appraisal. Their reflective notes
 * are theirs alone: no other route answers them, the secretariat's included.
 */
@ApiTags('learning')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('me')
export class MyLearningController {
  constructor(private readonly learning: MyLearningService) {}

  /** An appraisal year (the current one by default): meetings attended with their hours, own entries, notes, the total. */
  @Get('learning')
  @ApiOkResponse({ type: MyLearning })
  @ApiErrors(400)
  year(@CurrentMember() member: AuthenticatedMember, @Query() query: LearningYearQuery): Promise<MyLearning> {
    return this.learning.year(member.id, query.year);
  }

  /** The month your appraisal year starts; answers the current year by it. */
  @Patch('learning')
  @ApiOkResponse({ type: MyLearning })
  @ApiErrors(400)
  settings(@CurrentMember() member: AuthenticatedMember, @Body() dto: LearningSettingsDto): Promise<MyLearning> {
    return this.learning.setAppraisalMonth(member.id, dto.appraisalMonth);
  }

  /** Learning outside the network: title, date, hours and your note. */
  @Post('learning')
  @ApiCreatedResponse({ type: LearningItem })
  @ApiErrors(400)
  add(@CurrentMember() member: AuthenticatedMember, @Body() dto: CreateLearningEntryDto): Promise<LearningItem> {
    return this.learning.addEntry(member.id, dto);
  }

  /** Your note on a meeting attended, or any field of your own entry. */
  @Patch('learning/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Saved' })
  @ApiErrors(400, 404)
  async update(
    @CurrentMember() member: AuthenticatedMember,
    @IdParam() id: string,
    @Body() dto: UpdateLearningDto,
  ): Promise<void> {
    await this.learning.update(member.id, id, dto);
  }

  /** Removes one of your own entries (a meeting attended is its organiser's record). */
  @Delete('learning/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(404)
  @ApiError(409, 'A meeting attended: only its note is yours')
  async remove(@CurrentMember() member: AuthenticatedMember, @IdParam() id: string): Promise<void> {
    await this.learning.removeEntry(member.id, id);
  }

  /** The year as CSV, a row per line with your notes, and the total. */
  @Get('learning.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } })
  @ApiErrors(400)
  async csv(@CurrentMember() member: AuthenticatedMember, @Query() query: LearningYearQuery): Promise<StreamableFile> {
    const { label, csv } = await this.learning.csv(member.id, query.year);
    return download(csv, CSV_CONTENT_TYPE, `attachment; filename="learning-${label}.csv"`);
  }

  /** The year's statement as one PDF for your appraisal. */
  @Get('learning/statement.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The statement',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400)
  async statement(
    @CurrentMember() member: AuthenticatedMember,
    @Query() query: LearningYearQuery,
  ): Promise<StreamableFile> {
    const { label, pdf } = await this.learning.statement(member.id, query.year);
    return download(pdf, 'application/pdf', `attachment; filename="learning-statement-${label}.pdf"`);
  }
}
