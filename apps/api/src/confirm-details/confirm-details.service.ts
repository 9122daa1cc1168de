import { GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { readConfirmDetailsToken } from '@seg/rules';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { isCurrentMember, MEMBERSHIP_ENDED } from '@seg/db';
import { DirectoryService } from '../directory/directory.service';
import { MemberRecord } from '../members/dto/member-record.dto';
import { MembersService } from '../members/members.service';
import { ConfirmDetailsView, DetailsConfirmed } from './confirm-details.dto';

const NOT_RECOGNISED = 'This link is not recognised';

/**
 * The "still right" link of the confirm-details email. Reading it changes nothing (mail scanners
 * open links); only the POST confirms. A link of a member who is no longer current answers 410
 * and shows nothing of them.
 */
@Injectable()
export class ConfirmDetailsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly members: MembersService,
    private readonly directory: DirectoryService,
  ) {}

  async open(token: string): Promise<ConfirmDetailsView> {
    const record = await this.currentMember(token);
    const seen = await this.directory.seenByOthers(record.id);
    if (!seen) throw new NotFoundException(NOT_RECOGNISED);
    return {
      name: record.name,
      listed: seen.listed,
      seenByMembers: seen.card,
      detailsConfirmation: record.detailsConfirmation,
    };
  }

  async confirm(token: string): Promise<DetailsConfirmed> {
    const record = await this.currentMember(token);
    // Refused only if the member stopped being current since the line above.
    if (!(await this.members.confirmDetails(record.id))) throw new GoneException(MEMBERSHIP_ENDED);
    return { detailsConfirmation: (await this.members.get(record.id)).detailsConfirmation };
  }

  /** The member the token was made for: 404 when there is none, 410 when they are no longer a current member. */
  private async currentMember(token: string): Promise<MemberRecord> {
    const id = readConfirmDetailsToken(this.config.auth.jwtSecret, token);
    const record = id
      ? await this.members
          .get(id)
          .catch((error: unknown) => (error instanceof NotFoundException ? null : Promise.reject(error)))
      : null;
    if (!record) throw new NotFoundException(NOT_RECOGNISED);
    if (!isCurrentMember(record)) throw new GoneException(MEMBERSHIP_ENDED);
    return record;
  }
}
