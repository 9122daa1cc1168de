import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Secretariat } from '@seg/auth';
import { IdParam, PageQuery } from '@seg/common';
import { Actor, CurrentActor } from '../audit/actor.decorator';
import { CreateEstablishmentDto, EstablishmentQuery, UpdateEstablishmentDto } from './establishment.dto';
import { EstablishmentsService } from './establishments.service';

@ApiTags('establishments')
@ApiBearerAuth()
@Controller()
export class EstablishmentsController {
  constructor(private readonly establishments: EstablishmentsService) {}

  /** Search by name, town or code ("belmarsh", "BAI"), filtered by type and region codes. */
  @Get('establishments')
  search(@Query() query: EstablishmentQuery) {
    return this.establishments.search(query);
  }

  @Get('establishment-types')
  listTypes(@Query() query: PageQuery) {
    return this.establishments.listTypes(query);
  }

  @Get('establishments/:id')
  get(@IdParam() id: string) {
    return this.establishments.get(id);
  }

  @Post('establishments')
  @Secretariat()
  create(@Body() dto: CreateEstablishmentDto, @CurrentActor() actor: Actor) {
    return this.establishments.create(dto, actor);
  }

  @Patch('establishments/:id')
  @Secretariat()
  update(@IdParam() id: string, @Body() dto: UpdateEstablishmentDto, @CurrentActor() actor: Actor) {
    return this.establishments.update(id, dto, actor);
  }
}
