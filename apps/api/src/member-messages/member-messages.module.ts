import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { MemberMessagesController } from './member-messages.controller';
import { MemberMessagesRepository } from './member-messages.repository';
import { MemberMessagesService } from './member-messages.service';

@Module({
  imports: [DirectoryModule],
  controllers: [MemberMessagesController],
  providers: [MemberMessagesRepository, MemberMessagesService],
})
export class MemberMessagesModule {}
