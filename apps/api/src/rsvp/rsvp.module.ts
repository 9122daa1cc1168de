import { Module } from '@nestjs/common';
import { MeetingsModule } from '../meetings/meetings.module';
import { RsvpController } from './rsvp.controller';
import { RsvpService } from './rsvp.service';

@Module({ imports: [MeetingsModule], controllers: [RsvpController], providers: [RsvpService] })
export class RsvpModule {}
