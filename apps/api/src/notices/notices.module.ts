import { Global, Module } from '@nestjs/common';
import { NoticeOutbox } from './notice-outbox';

@Global()
@Module({ providers: [NoticeOutbox], exports: [NoticeOutbox] })
export class NoticesModule {}
