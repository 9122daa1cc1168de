import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Secretariat } from '@seg/auth';
import { IdParam, PageQuery } from '@seg/common';
import { Actor, CurrentActor } from '../audit/actor.decorator';
import { CreateCategoryDto, UpdateCategoryDto } from './category.dto';
import { CategoriesService } from './categories.service';

@ApiTags('categories')
@ApiBearerAuth()
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  /** The membership categories. */
  @Get()
  list(@Query() query: PageQuery) {
    return this.categories.list(query);
  }

  @Post()
  @Secretariat()
  create(@Body() dto: CreateCategoryDto, @CurrentActor() actor: Actor) {
    return this.categories.create(dto, actor);
  }

  @Patch(':id')
  @Secretariat()
  update(@IdParam() id: string, @Body() dto: UpdateCategoryDto, @CurrentActor() actor: Actor) {
    return this.categories.update(id, dto, actor);
  }
}
