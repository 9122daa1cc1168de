import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember, Secretariat } from '@seg/auth';
import { ApiErrors, IdParam, PageQuery } from '@seg/http';
import { Actor } from '@seg/audit';
import { CurrentActor } from '../audit/actor.decorator';
import { MergedRegion, RegionDetail, RegionPage, RegionView } from './region-view.dto';
import { CreateRegionDto, MergeRegionDto, UpdateRegionDto } from './region.dto';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  /** Every region; a merged one names the region that absorbed it. */
  @Get()
  @ApiOkResponse({ type: RegionPage })
  @ApiErrors(400)
  list(@Query() query: PageQuery): Promise<RegionPage> {
    return this.regions.list(query);
  }

  /** The region with its current posts (with start dates) and past holders (with their dates). */
  @Get(':code')
  @ApiOkResponse({ type: RegionDetail })
  @ApiErrors(404)
  detail(@Param('code') code: string, @CurrentMember() viewer: AuthenticatedMember): Promise<RegionDetail> {
    return this.regions.detail(code, viewer);
  }

  @Post()
  @Secretariat()
  @ApiCreatedResponse({ type: RegionView })
  @ApiErrors(400, 403, 409)
  create(@Body() dto: CreateRegionDto, @CurrentActor() actor: Actor) {
    return this.regions.create(dto, actor);
  }

  /** Renames or corrects a region; everything attached to it stays attached. */
  @Patch(':id')
  @Secretariat()
  @ApiOkResponse({ type: RegionView })
  @ApiErrors(400, 403, 404, 409)
  update(@IdParam() id: string, @Body() dto: UpdateRegionDto, @CurrentActor() actor: Actor) {
    return this.regions.update(id, dto, actor);
  }

  /** Merges this region into another. */
  @Post(':id/merge')
  @Secretariat()
  @ApiCreatedResponse({ type: MergedRegion })
  @ApiErrors(400, 403, 404)
  merge(@IdParam() id: string, @Body() dto: MergeRegionDto, @CurrentActor() actor: Actor) {
    return this.regions.merge(id, dto, actor);
  }
}
