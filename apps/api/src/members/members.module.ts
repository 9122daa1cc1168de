import { Module } from '@nestjs/common';
import { RecordsModule } from '@seg/records';
import { AuthModule } from '../auth/auth.module';
import { CategoriesModule } from '../categories/categories.module';
import { EstablishmentsModule } from '../establishments/establishments.module';
import { NoticeChoicesModule } from '../notice-choices/notice-choices.module';
import { RegionsModule } from '../regions/regions.module';
import { MemberExportService } from './member-export.service';
import { MemberImportService } from './member-import.service';
import { MembersController } from './members.controller';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';

@Module({
  imports: [AuthModule, CategoriesModule, RegionsModule, EstablishmentsModule, RecordsModule, NoticeChoicesModule],
  controllers: [MembersController],
  providers: [MembersRepository, MembersService, MemberImportService, MemberExportService],
  exports: [MembersService],
})
export class MembersModule {}
