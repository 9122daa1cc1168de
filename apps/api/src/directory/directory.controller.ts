import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember } from '@seg/auth';
import { ApiError, ApiErrors, IdParam } from '@seg/http';
import { DirectoryMember, DirectoryMemberPage, EstablishmentContacts, NetworkView } from './directory-member.dto';
import { DirectoryService } from './directory.service';
import { MemberSearchQuery } from './member-search.dto';

@ApiTags('directory')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  /** The hub and all the spokes with their current reps; empty spokes included, so gaps show. */
  @Get('directory/network')
  @ApiOkResponse({ type: NetworkView })
  network(@CurrentMember() viewer: AuthenticatedMember): Promise<NetworkView> {
    return this.directory.network(viewer);
  }

  /** Search members by name (any part, any case, with or without accents) and filters that combine. */
  @Get('directory/members')
  @ApiOkResponse({ type: DirectoryMemberPage })
  @ApiErrors(400)
  @ApiError(403, 'Only the secretariat can filter by status')
  search(
    @Query() query: MemberSearchQuery,
    @CurrentMember() viewer: AuthenticatedMember,
  ): Promise<DirectoryMemberPage> {
    return this.directory.searchMembers(query, viewer);
  }

  @Get('directory/members/:id')
  @ApiOkResponse({ type: DirectoryMember })
  @ApiErrors(404)
  member(@IdParam() id: string, @CurrentMember() viewer: AuthenticatedMember): Promise<DirectoryMember> {
    return this.directory.getMember(id, viewer);
  }

  /** The region of an establishment and who to call there. */
  @Get('establishments/:id/contacts')
  @ApiOkResponse({ type: EstablishmentContacts })
  @ApiErrors(404)
  establishmentContacts(
    @IdParam() id: string,
    @CurrentMember() viewer: AuthenticatedMember,
  ): Promise<EstablishmentContacts> {
    return this.directory.establishmentContacts(id, viewer);
  }
}
