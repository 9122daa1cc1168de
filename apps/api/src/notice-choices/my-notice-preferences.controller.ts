import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Actor } from '@seg/audit';
import { AuthenticatedMember, CurrentMember } from '@seg/auth';
import { ApiErrors } from '@seg/http';
import { CurrentActor } from '../audit/actor.decorator';
import { NoticeChoicesService } from './notice-choices.service';
import { NoticePreferences, NoticePreferencesChange } from './notice-preferences.dto';

@ApiTags('me')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('me/notice-preferences')
export class MyNoticePreferencesController {
  constructor(private readonly choices: NoticeChoicesService) {}

  /** Which kinds of meeting notice you get. Account emails always go. */
  @Get()
  @ApiOkResponse({ type: NoticePreferences })
  get(@CurrentMember() member: AuthenticatedMember): Promise<NoticePreferences> {
    return this.choices.get(member.id);
  }

  /** Turns kinds of meeting notice on (true) or off (false); those left out stay as they are. Audited. */
  @Patch()
  @ApiOkResponse({ type: NoticePreferences })
  @ApiErrors(400)
  change(
    @CurrentMember() member: AuthenticatedMember,
    @Body() dto: NoticePreferencesChange,
    @CurrentActor() actor: Actor,
  ): Promise<NoticePreferences> {
    return this.choices.change(member.id, dto, actor);
  }
}
