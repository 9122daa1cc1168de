import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Secretariat } from '@seg/auth';
import { ApiError, ApiErrors, IdParam } from '@seg/http';
import { Actor } from '@seg/audit';
import { CurrentActor } from '../audit/actor.decorator';
import { PostPage, PostView } from './post-view.dto';
import { CreatePostDto, PostQuery, UpdatePostDto } from './post.dto';
import { PostsService } from './posts.service';

@ApiTags('posts')
@ApiBearerAuth()
@Controller('posts')
@Secretariat()
@ApiErrors(401, 403)
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  /** Posts past and present, oldest first; filter by member, region code (or `hub`) and current. */
  @Get()
  @ApiOkResponse({ type: PostPage })
  @ApiErrors(400)
  list(@Query() query: PostQuery): Promise<PostPage> {
    return this.posts.list(query);
  }

  @Post()
  @ApiCreatedResponse({ type: PostView })
  @ApiErrors(400)
  @ApiError(409, 'The member already holds a post of this role for this region (or the hub) over these dates')
  create(@Body() dto: CreatePostDto, @CurrentActor() actor: Actor) {
    return this.posts.create(dto, actor);
  }

  @Patch(':id')
  @ApiOkResponse({ type: PostView })
  @ApiErrors(400, 404)
  update(@IdParam() id: string, @Body() dto: UpdatePostDto, @CurrentActor() actor: Actor) {
    return this.posts.update(id, dto, actor);
  }
}
