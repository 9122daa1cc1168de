import { Module } from '@nestjs/common';
import { RecordsModule } from '@seg/records';
import { RegionsModule } from '../regions/regions.module';
import { PostsController } from './posts.controller';
import { PostsRepository } from './posts.repository';
import { PostsService } from './posts.service';

@Module({
  imports: [RegionsModule, RecordsModule],
  controllers: [PostsController],
  providers: [PostsRepository, PostsService],
  exports: [PostsService],
})
export class PostsModule {}
