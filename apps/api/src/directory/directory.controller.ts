import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember } from '@seg/auth';
import { IdParam } from '@seg/common';
import { DirectoryService } from './directory.service';
import { MemberSearchQuery } from './member-search.dto';

@ApiTags('directory')
@ApiBearerAuth()
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  /** The hub and all the spokes with their current reps; empty spokes included, so gaps show. */
  @Get('directory/network')
  network(@CurrentMember() viewer: AuthenticatedMember) {
    return this.directory.network(viewer);
  }

  /** Search members by name (any part, any case, with or without accents) and filters that combine. */
  @Get('directory/members')
  search(@Query() query: MemberSearchQuery, @CurrentMember() viewer: AuthenticatedMember) {
    return this.directory.searchMembers(query, viewer);
  }

  @Get('directory/members/:id')
  member(@IdParam() id: string, @CurrentMember() viewer: AuthenticatedMember) {
    return this.directory.getMember(id, viewer);
  }

  /** The region of an establishment and who to call there. */
  @Get('establishments/:id/contacts')
  establishmentContacts(@IdParam() id: string, @CurrentMember() viewer: AuthenticatedMember) {
    return this.directory.establishmentContacts(id, viewer);
  }
}
