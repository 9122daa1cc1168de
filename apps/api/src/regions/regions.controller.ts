import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Secretariat } from '@seg/auth';
import { IdParam, PageQuery } from '@seg/common';
import { Actor, CurrentActor } from '../audit/actor.decorator';
import { CreateRegionDto, MergeRegionDto, UpdateRegionDto } from './region.dto';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@ApiBearerAuth()
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  /** Every region; a merged one names the region that absorbed it. */
  @Get()
  list(@Query() query: PageQuery) {
    return this.regions.list(query);
  }

  @Post()
  @Secretariat()
  create(@Body() dto: CreateRegionDto, @CurrentActor() actor: Actor) {
    return this.regions.create(dto, actor);
  }

  /** Renames or corrects a region; everything attached to it stays attached. */
  @Patch(':id')
  @Secretariat()
  update(@IdParam() id: string, @Body() dto: UpdateRegionDto, @CurrentActor() actor: Actor) {
    return this.regions.update(id, dto, actor);
  }

  /** Merges this region into another. */
  @Post(':id/merge')
  @Secretariat()
  merge(@IdParam() id: string, @Body() dto: MergeRegionDto, @CurrentActor() actor: Actor) {
    return this.regions.merge(id, dto, actor);
  }
}
