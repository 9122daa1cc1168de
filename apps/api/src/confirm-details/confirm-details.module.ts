import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { MembersModule } from '../members/members.module';
import { ConfirmDetailsController } from './confirm-details.controller';
import { ConfirmDetailsService } from './confirm-details.service';

@Module({
  imports: [MembersModule, DirectoryModule],
  controllers: [ConfirmDetailsController],
  providers: [ConfirmDetailsService],
})
export class ConfirmDetailsModule {}
