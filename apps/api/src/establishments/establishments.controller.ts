import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Secretariat } from '@seg/auth';
import { ApiErrors, IdParam, PageQuery } from '@seg/http';
import { Actor } from '@seg/audit';
import { CurrentActor } from '../audit/actor.decorator';
import { CreateEstablishmentDto, EstablishmentQuery, UpdateEstablishmentDto } from './establishment.dto';
import { EstablishmentPage, EstablishmentTypePage, EstablishmentView } from './establishment-view.dto';
import { EstablishmentsService } from './establishments.service';

@ApiTags('establishments')
@ApiBearerAuth()
@ApiErrors(401)
@Controller()
export class EstablishmentsController {
  constructor(private readonly establishments: EstablishmentsService) {}

  /** Search by name, town or code ("belmarsh", "BAI"), filtered by type and region codes. */
  @Get('establishments')
  @ApiOkResponse({ type: EstablishmentPage })
  @ApiErrors(400)
  search(@Query() query: EstablishmentQuery) {
    return this.establishments.search(query);
  }

  @Get('establishment-types')
  @ApiOkResponse({ type: EstablishmentTypePage })
  @ApiErrors(400)
  listTypes(@Query() query: PageQuery): Promise<EstablishmentTypePage> {
    return this.establishments.listTypes(query);
  }

  @Get('establishments/:id')
  @ApiOkResponse({ type: EstablishmentView })
  @ApiErrors(404)
  get(@IdParam() id: string) {
    return this.establishments.get(id);
  }

  @Post('establishments')
  @Secretariat()
  @ApiCreatedResponse({ type: EstablishmentView })
  @ApiErrors(400, 403, 409)
  create(@Body() dto: CreateEstablishmentDto, @CurrentActor() actor: Actor) {
    return this.establishments.create(dto, actor);
  }

  @Patch('establishments/:id')
  @Secretariat()
  @ApiOkResponse({ type: EstablishmentView })
  @ApiErrors(400, 403, 404, 409)
  update(@IdParam() id: string, @Body() dto: UpdateEstablishmentDto, @CurrentActor() actor: Actor) {
    return this.establishments.update(id, dto, actor);
  }
}
