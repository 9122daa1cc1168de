import { Controller, Get, Param, Req, Res, StreamableFile } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember } from '@seg/auth';
import { AdapterRequest, ApiErrors, attachmentDisposition, download, nodeRequest } from '@seg/http';
import accepts from 'accepts';
import { RegionSheet } from './region-sheet.dto';
import { regionSheetHtml } from './region-sheet-html';
import { RegionSheetService } from './region-sheet.service';

@ApiTags('regions')
@ApiBearerAuth()
@ApiErrors(401, 404)
@Controller('regions')
export class RegionSheetController {
  constructor(
    private readonly sheets: RegionSheetService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * The region's contact sheet for the office wall, with what you may see: its representatives,
   * who works at each of its establishments, the secretariat, the day and a QR code of the page
   * with current details. A page to print (HTML, A4) when asked for text/html before JSON; the
   * facts as JSON otherwise (the web app lays them out itself).
   */
  @Get(':code/sheet')
  @ApiProduces('text/html', 'application/json')
  @ApiExtraModels(RegionSheet)
  @ApiOkResponse({
    description: 'The sheet as a page to print, or its facts as JSON',
    content: {
      'text/html': { schema: { type: 'string' } },
      'application/json': { schema: { $ref: getSchemaPath(RegionSheet) } },
    },
  })
  async sheet(
    @Param('code') code: string,
    @CurrentMember() viewer: AuthenticatedMember,
    @Req() req: AdapterRequest,
    @Res({ passthrough: true }) res: unknown,
  ): Promise<RegionSheet | string> {
    const sheet = await this.sheets.sheet(code, viewer);
    // The content negotiation the web app's middleware uses too (Express's own): JSON unless HTML is preferred.
    if (accepts(nodeRequest(req)).type(['json', 'html']) !== 'html') return sheet;
    this.adapterHost.httpAdapter.setHeader(res, 'Content-Type', 'text/html; charset=utf-8');
    return regionSheetHtml(sheet);
  }

  /** The same sheet as a PDF on one A4 page for a typical region, in black and white. */
  @Get(':code/sheet.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The sheet as a PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  async pdf(@Param('code') code: string, @CurrentMember() viewer: AuthenticatedMember): Promise<StreamableFile> {
    const { fileName, pdf } = await this.sheets.pdf(code, viewer);
    return download(pdf, 'application/pdf', attachmentDisposition(fileName, 'SEG contacts'));
  }
}
