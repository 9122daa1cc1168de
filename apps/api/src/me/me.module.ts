import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { MembersModule } from '../members/members.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { MeController } from './me.controller';
import { MeService } from './me.service';

@Module({
  imports: [MembersModule, DirectoryModule, PrivacyModule],
  controllers: [MeController],
  providers: [MeService],
})
export class MeModule {}
