import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { Secretariat } from '@seg/auth';
import { IdParam } from '@seg/common';
import { Actor, CurrentActor } from '../audit/actor.decorator';
import { CreatePostDto, PostQuery, UpdatePostDto } from './post.dto';
import { PostsService } from './posts.service';

@ApiTags('posts')
@ApiBearerAuth()
@Controller('posts')
@Secretariat()
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  /** Posts past and present, oldest first; filter by member, region code (or `hub`) and current. */
  @Get()
  list(@Query() query: PostQuery) {
    return this.posts.list(query);
  }

  @Post()
  @ApiConflictResponse({ description: 'The member already holds a post of this role for this region (or the hub) over these dates' })
  create(@Body() dto: CreatePostDto, @CurrentActor() actor: Actor) {
    return this.posts.create(dto, actor);
  }

  @Patch(':id')
  update(@IdParam() id: string, @Body() dto: UpdatePostDto, @CurrentActor() actor: Actor) {
    return this.posts.update(id, dto, actor);
  }
}
