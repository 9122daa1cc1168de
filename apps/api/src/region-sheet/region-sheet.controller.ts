import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember } from '@seg/auth';
import { ApiErrors, attachmentDisposition } from '@seg/http';
import type { Response } from 'express';
import { RegionSheet } from './region-sheet.dto';
import { RegionSheetService } from './region-sheet.service';

@ApiTags('regions')
@ApiBearerAuth()
@ApiErrors(401, 404)
@Controller('regions')
export class RegionSheetController {
  constructor(private readonly sheets: RegionSheetService) {}

  /**
   * The region's contact sheet for the office wall, with what you may see: its representatives,
   * who works at each of its establishments, the secretariat, the day and a QR code of the page
   * with current details. The web app prints it.
   */
  @Get(':code/sheet')
  @ApiOkResponse({ type: RegionSheet })
  sheet(@Param('code') code: string, @CurrentMember() viewer: AuthenticatedMember): Promise<RegionSheet> {
    return this.sheets.sheet(code, viewer);
  }

  /** The same sheet as a PDF on one A4 page for a typical region, in black and white. */
  @Get(':code/sheet.pdf')
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The sheet as a PDF',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  async pdf(
    @Param('code') code: string,
    @CurrentMember() viewer: AuthenticatedMember,
    @Res() res: Response,
  ): Promise<void> {
    const { fileName, pdf } = await this.sheets.pdf(code, viewer);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', attachmentDisposition(fileName, 'SEG contacts'));
    res.end(pdf);
  }
}
