import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { MembersModule } from '../members/members.module';
import { MeController } from './me.controller';
import { MeRepository } from './me.repository';
import { MeService } from './me.service';

@Module({
  imports: [MembersModule, DirectoryModule],
  controllers: [MeController],
  providers: [MeRepository, MeService],
})
export class MeModule {}
