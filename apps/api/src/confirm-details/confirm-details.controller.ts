import { Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@seg/auth';
import { ApiError, ApiErrors } from '@seg/http';
import { ConfirmDetailsView, DetailsConfirmed } from './confirm-details.dto';
import { ConfirmDetailsService } from './confirm-details.service';

/**
 * The "still right" link of the confirm-details email, read by the web app's page. No login:
 * the token is the member's key to confirming their own details, nothing else.
 */
@ApiTags('me')
@Public()
@Controller('confirm-details')
export class ConfirmDetailsController {
  constructor(private readonly confirmDetails: ConfirmDetailsService) {}

  /** What other members see of the member; opening the link changes nothing. */
  @Get(':token')
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: ConfirmDetailsView })
  @ApiErrors(404)
  @ApiError(410, 'The member is no longer a current member: nothing of them is shown')
  open(@Param('token') token: string): Promise<ConfirmDetailsView> {
    return this.confirmDetails.open(token);
  }

  /** The member says their details are still right. */
  @Post(':token')
  @HttpCode(200)
  @Header('cache-control', 'no-store')
  @ApiOkResponse({ type: DetailsConfirmed })
  @ApiErrors(404)
  @ApiError(410, 'The member is no longer a current member')
  confirm(@Param('token') token: string): Promise<DetailsConfirmed> {
    return this.confirmDetails.confirm(token);
  }
}
