import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember } from '@seg/auth';
import { ApiErrors, attachmentDisposition, download, IdParam } from '@seg/http';
import { ContactCardQuery } from './contact-cards.dto';
import { CardFile, ContactCardsService } from './contact-cards.service';

const VCARD = {
  description: 'vCard (RFC 6350 for 4.0, RFC 2426 for 3.0)',
  content: { 'text/vcard': { schema: { type: 'string' } } },
};

@ApiTags('directory')
@ApiBearerAuth()
@ApiErrors(401, 400)
@Controller()
export class ContactCardsController {
  constructor(private readonly cards: ContactCardsService) {}

  /** A member's contact card, with the fields you may see of them, their posts and region. */
  @Get('directory/members/:id/vcard')
  @ApiProduces('text/vcard')
  @ApiOkResponse(VCARD)
  @ApiErrors(404)
  async member(
    @IdParam() id: string,
    @Query() query: ContactCardQuery,
    @CurrentMember() viewer: AuthenticatedMember,
  ): Promise<StreamableFile> {
    return cardDownload(await this.cards.ofMember(id, viewer, query.version ?? '4.0'));
  }

  /** Your contacts (your region's representatives and the hub's) as one file of cards, to import into a phone. */
  @Get('me/contacts/vcard')
  @ApiProduces('text/vcard')
  @ApiOkResponse(VCARD)
  async mine(@Query() query: ContactCardQuery, @CurrentMember() viewer: AuthenticatedMember): Promise<StreamableFile> {
    return cardDownload(await this.cards.myContacts(viewer, query.version ?? '4.0'));
  }
}

/** The file as a download named after its people. */
function cardDownload(file: CardFile): StreamableFile {
  return download(file.text, 'text/vcard; charset=utf-8', attachmentDisposition(`${file.name}.vcf`, 'contact'));
}
