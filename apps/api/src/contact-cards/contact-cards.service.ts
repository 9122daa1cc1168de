import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import type { Viewer } from '@seg/rules';
import { DirectoryMember } from '../directory/directory-member.dto';
import { DirectoryService } from '../directory/directory.service';
import { contactCards, namePartsFromKeys, NameParts, VcardVersion } from './contact-card';
import { ContactCardsRepository } from './contact-cards.repository';

export interface CardFile {
  /** The vCard text, one card or many. */
  text: string;
  /** A file name for the download, without its `.vcf`. */
  name: string;
}

/**
 * Contact cards of members for the viewer's phone or mail program: the directory's own answer
 * to the viewer (so only the fields the viewer may see), written as vCard.
 */
@Injectable()
export class ContactCardsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: DirectoryService,
    private readonly cards: ContactCardsRepository,
  ) {}

  /** One member's card; 404 where the directory would answer 404. */
  async ofMember(id: string, viewer: Viewer, version: VcardVersion): Promise<CardFile> {
    const member = await this.directory.getMember(id, viewer);
    return { text: await this.write([member], version), name: member.name };
  }

  /** The viewer's contacts (their region's representatives and the hub's), one card per person. */
  async myContacts(viewer: Viewer, version: VcardVersion): Promise<CardFile> {
    const contacts = await this.directory.myContacts(viewer);
    const people = new Map<string, DirectoryMember>();
    for (const rep of [...contacts.regionalReps, ...contacts.hubReps]) people.set(rep.member.id, rep.member);
    const name = contacts.region ? `SEG contacts, ${contacts.region.name}` : 'SEG contacts';
    return { text: await this.write([...people.values()], version), name };
  }

  private async write(members: DirectoryMember[], version: VcardVersion): Promise<string> {
    const keys = new Map((await this.cards.nameKeys(members.map((m) => m.id))).map((k) => [k.id, k]));
    const partsOf = (id: string): NameParts | null => {
      const k = keys.get(id);
      return k ? namePartsFromKeys(k.words, { given: k.givenKey, surname: k.surnameKey }) : null;
    };
    return contactCards(
      members.map((member) => ({ member, name: partsOf(member.id) })),
      { version, publicUrl: this.config.publicUrl },
    );
  }
}
