import { Body, Controller, Get, Header, HttpCode, HttpStatus, Patch, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember } from '@seg/auth';
import { ApiErrors } from '@seg/http';
import { Actor } from '@seg/audit';
import { CurrentActor } from '../audit/actor.decorator';
import { ContactsView } from '../directory/directory-member.dto';
import { MemberRecord } from '../members/dto/member-record.dto';
import { UpdateMeDto } from '../members/dto/update-me.dto';
import { ErasureRequestReceipt } from '../privacy/erasure-request.dto';
import { MyData } from '../privacy/subject-access.dto';
import { MeService } from './me.service';

@ApiTags('me')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  /** Your own full record, current posts included. */
  @Get()
  @ApiOkResponse({ type: MemberRecord })
  get(@CurrentMember() member: AuthenticatedMember): Promise<MemberRecord> {
    return this.me.get(member.id);
  }

  /**
   * Changes your own details: name, title, phone, bio, availability, establishmentIds,
   * contactVisibility. Role, status, category, region and posts are the secretariat's: a body
   * naming them is refused with a 400 and changes nothing. Saving also confirms your details.
   */
  @Patch()
  @ApiOkResponse({ type: MemberRecord })
  @ApiErrors(400, 409)
  update(
    @CurrentMember() member: AuthenticatedMember,
    @Body() dto: UpdateMeDto,
    @CurrentActor() actor: Actor,
  ): Promise<MemberRecord> {
    return this.me.update(member, dto, actor);
  }

  /** Your details are still right: records the date (saving them with PATCH /me does too). */
  @Post('confirm')
  @HttpCode(200)
  @ApiOkResponse({ type: MemberRecord })
  confirm(@CurrentMember() member: AuthenticatedMember): Promise<MemberRecord> {
    return this.me.confirm(member.id);
  }

  /** Who to call: the reps of your own region and of the hub. */
  @Get('contacts')
  @ApiOkResponse({ type: ContactsView })
  contacts(@CurrentMember() member: AuthenticatedMember): Promise<ContactsView> {
    return this.me.contacts(member);
  }

  /** Everything held about you, as JSON. */
  @Get('export')
  @Header('Content-Disposition', 'attachment; filename="seg-my-data.json"')
  @ApiOkResponse({ type: MyData })
  export(@CurrentMember() member: AuthenticatedMember): Promise<MyData> {
    return this.me.export(member.id);
  }

  /** Asks the secretariat to erase you: they are told at once and answer within a month. Asking again while a request is open changes nothing. */
  @Post('erasure-request')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ type: ErasureRequestReceipt })
  requestErasure(@CurrentMember() member: AuthenticatedMember): Promise<ErasureRequestReceipt> {
    return this.me.requestErasure(member.id);
  }
}
