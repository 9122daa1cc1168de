import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Secretariat } from '@seg/auth';
import { ApiErrors, IdParam, PageQuery } from '@seg/http';
import { Actor } from '@seg/audit';
import { CurrentActor } from '../audit/actor.decorator';
import { CategoryPage, CategoryView } from './category-view.dto';
import { CreateCategoryDto, UpdateCategoryDto } from './category.dto';
import { CategoriesService } from './categories.service';

@ApiTags('categories')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  /** The membership categories. */
  @Get()
  @ApiOkResponse({ type: CategoryPage })
  @ApiErrors(400)
  list(@Query() query: PageQuery): Promise<CategoryPage> {
    return this.categories.list(query);
  }

  @Post()
  @Secretariat()
  @ApiCreatedResponse({ type: CategoryView })
  @ApiErrors(400, 403, 409)
  create(@Body() dto: CreateCategoryDto, @CurrentActor() actor: Actor) {
    return this.categories.create(dto, actor);
  }

  @Patch(':id')
  @Secretariat()
  @ApiOkResponse({ type: CategoryView })
  @ApiErrors(400, 403, 404, 409)
  update(@IdParam() id: string, @Body() dto: UpdateCategoryDto, @CurrentActor() actor: Actor) {
    return this.categories.update(id, dto, actor);
  }
}
