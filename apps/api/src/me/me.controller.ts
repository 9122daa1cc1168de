import { Body, Controller, Get, Header, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember } from '@seg/auth';
import { Actor, CurrentActor } from '../audit/actor.decorator';
import { UpdateMeDto } from '../members/dto/update-me.dto';
import { MeService } from './me.service';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  /** Your own full record, current posts included. */
  @Get()
  get(@CurrentMember() member: AuthenticatedMember) {
    return this.me.get(member.id);
  }

  /**
   * Changes your own details: name, title, phone, bio, availability, establishmentIds,
   * contactVisibility. Role, status, category, region and posts are the secretariat's: a body
   * naming them is refused with a 400 and changes nothing.
   */
  @Patch()
  update(@CurrentMember() member: AuthenticatedMember, @Body() dto: UpdateMeDto, @CurrentActor() actor: Actor) {
    return this.me.update(member.id, dto, actor);
  }

  /** Who to call: the reps of your own region and of the hub. */
  @Get('contacts')
  contacts(@CurrentMember() member: AuthenticatedMember) {
    return this.me.contacts(member);
  }

  /** Everything held about you, as JSON. */
  @Get('export')
  @Header('Content-Disposition', 'attachment; filename="seg-my-data.json"')
  export(@CurrentMember() member: AuthenticatedMember) {
    return this.me.export(member.id);
  }
}
