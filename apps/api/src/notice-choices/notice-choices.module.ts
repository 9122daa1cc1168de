import { Module } from '@nestjs/common';
import { MyNoticePreferencesController } from './my-notice-preferences.controller';
import { NoticeChoicesRepository } from './notice-choices.repository';
import { NoticeChoicesService } from './notice-choices.service';
import { UnsubscribeController } from './unsubscribe.controller';

/** Which meeting notices a member gets: My details, PATCH /me, and the emails' one-click links. */
@Module({
  controllers: [UnsubscribeController, MyNoticePreferencesController],
  providers: [NoticeChoicesRepository, NoticeChoicesService],
  exports: [NoticeChoicesService],
})
export class NoticeChoicesModule {}
