import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { qrCodeSvg } from '@seg/pdf';
import { Clock, formatLondonDay, todayInLondon, Viewer } from '@seg/rules';
import { DirectoryService } from '../directory/directory.service';
import { RegionSheet } from './region-sheet.dto';
import { regionSheetPdf } from './region-sheet-pdf';

/**
 * The printed contact sheet of a region: the directory's own answer to the viewer (so only what
 * they may see), with the day it was printed and where to find current details.
 */
@Injectable()
export class RegionSheetService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: DirectoryService,
    private readonly clock: Clock,
  ) {}

  async sheet(code: string, viewer: Viewer): Promise<RegionSheet> {
    const contacts = await this.directory.regionContacts(code, viewer);
    const now = this.clock.now();
    const link = `${this.config.publicUrl}/regions/${encodeURIComponent(contacts.region.code)}/sheet`;
    return {
      ...contacts,
      secretariatEmail: this.config.secretariatEmail,
      printedOn: todayInLondon(now),
      printedOnText: formatLondonDay(now),
      link,
      qrCodeSvg: await qrCodeSvg(link),
    };
  }

  async pdf(code: string, viewer: Viewer): Promise<{ fileName: string; pdf: Buffer }> {
    const sheet = await this.sheet(code, viewer);
    return { fileName: `SEG contacts, ${sheet.region.name}.pdf`, pdf: await regionSheetPdf(sheet) };
  }
}
