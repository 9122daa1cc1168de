import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  HttpStatus,
  Ip,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
  UseInterceptors,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember, Public } from '@seg/auth';
import { ApiError, ApiErrors, PageQuery } from '@seg/http';
import { RequestId } from '../audit/actor.decorator';
import { AccountTokensService } from './account-tokens.service';
import { AuthService } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { EmailChangeDto, EmailChanged } from './dto/email-change.dto';
import { LinkCheckDto, LinkStatusDto } from './dto/link-status.dto';
import { LoginDto } from './dto/login.dto';
import { NewPasswordDto } from './dto/new-password.dto';
import { LinkRequested, PasswordResetRequestDto } from './dto/password-reset-request.dto';
import { RefreshTokenDto } from './dto/refresh-token.dto';
import { SessionPageDto, SessionsEndedDto } from './dto/session.dto';
import { SignInLinkDto, SignInLinkRequestDto, SignInThrottledBody } from './dto/sign-in-link.dto';
import { TokenPairDto } from './dto/token-pair.dto';
import { RetryAfterInterceptor } from '../throttle/retry-after.interceptor';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accountTokens: AccountTokensService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({ summary: 'Log in with email and password' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors(400)
  @ApiError(401, 'Wrong email or password (one answer for both), or the member is not active')
  @ApiError(
    429,
    'Too many failed attempts for this account or from this address; see Retry-After. The owner can still sign in with a link emailed to the account (POST /auth/sign-in-link): `signInLinkAvailable`, said alike for every email',
    SignInThrottledBody,
  )
  login(
    @Body() body: LoginDto,
    @Ip() address: string,
    @Headers('user-agent') userAgent?: string,
  ): Promise<TokenPairDto> {
    return this.auth.login(body, { address, userAgent });
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Swap a refresh token for a new pair',
    description: 'The old refresh token stops working; presenting it again ends that whole login.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiErrors(400)
  @ApiError(401, 'Unknown, expired, revoked or already used refresh token')
  refresh(@Body() body: RefreshTokenDto): Promise<TokenPairDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @ApiBearerAuth()
  @Put('password')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary: 'Change my password',
    description: 'Checks the current password; every other login of mine ends, this one goes on. Audited.',
  })
  @ApiNoContentResponse({ description: 'Changed' })
  @ApiErrors(401)
  @ApiError(
    400,
    '`currentPassword` wrong, or `newPassword` refused (the same, too short, common, equal to email or name)',
  )
  @ApiError(
    429,
    'Too many wrong passwords for this account or from this address (counted with failed logins); see Retry-After',
  )
  changePassword(
    @CurrentMember() member: AuthenticatedMember,
    @Body() body: ChangePasswordDto,
    @Ip() clientAddress: string,
    @RequestId() requestId: string | null,
  ): Promise<void> {
    return this.auth.changePassword(member, body, clientAddress, requestId);
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End the login this refresh token belongs to' })
  @ApiNoContentResponse({ description: 'Logged out (also when the token was already void)' })
  @ApiErrors(400, 401)
  logout(@CurrentMember() member: AuthenticatedMember, @Body() body: RefreshTokenDto): Promise<void> {
    return this.auth.logout(member.id, body.refreshToken);
  }

  @Public()
  @Post('activate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Set the first password from the activation email',
    description: 'The member becomes active and is logged in at once.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiError(400, '`token` not valid, used or expired; or `password` refused (length, common, equal to email or name)')
  @ApiError(410, 'The member is no longer a current member (left, suspended or erased): nothing is changed')
  activate(
    @Body() body: NewPasswordDto,
    @RequestId() requestId: string | null,
    @Headers('user-agent') userAgent?: string,
  ): Promise<TokenPairDto> {
    return this.accountTokens.activate(body, { requestId, userAgent });
  }

  @Public()
  @Post('password-reset')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Email a password reset link',
    description:
      "Answers 202 whether or not the email is a member's; only active members are sent a link (valid one hour).",
  })
  @ApiAcceptedResponse({ type: LinkRequested })
  @ApiErrors(400)
  requestPasswordReset(@Body() body: PasswordResetRequestDto): LinkRequested {
    this.accountTokens.requestPasswordReset(body.email);
    return { message: "If this address is a current member's, a password reset link is on its way to it." };
  }

  @Public()
  @Post('sign-in-link')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary: 'Email me a sign-in link',
    description:
      "Answers 202 whether or not the email is a member's; an active member is sent a link to their own address that signs in once, within 15 minutes. The owner's way in while password sign-in is throttled; at most 3 emails to a member in 15 minutes, so the newest one still works.",
  })
  @ApiAcceptedResponse({ type: LinkRequested })
  @ApiErrors(400)
  @ApiError(429, 'Too many sign-in links asked for from this address (whatever the emails); see Retry-After')
  async requestSignInLink(@Body() body: SignInLinkRequestDto, @Ip() address: string): Promise<LinkRequested> {
    await this.accountTokens.requestSignInLink(body.email, address);
    return { message: "If this address is a current member's, a sign-in link is on its way to it." };
  }

  @Public()
  @Post('sign-in-link/confirm')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with the link from the email',
    description:
      'A token pair, as a password login gives. The link works once; it dies when the email, password, status or role of the account changes. Nothing else is changed.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiError(400, '`token` not valid, used or expired')
  @ApiError(410, 'The member is no longer a current member')
  confirmSignInLink(
    @Body() body: SignInLinkDto,
    @RequestId() requestId: string | null,
    @Headers('user-agent') userAgent?: string,
  ): Promise<TokenPairDto> {
    return this.accountTokens.signInWithLink(body.token, { requestId, userAgent });
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Set a new password from the reset email', description: 'Every login of the member ends.' })
  @ApiNoContentResponse({ description: 'Password changed' })
  @ApiError(400, '`token` not valid, used or expired; or `password` refused')
  @ApiError(410, 'The member is no longer a current member (left, suspended or erased): nothing is changed')
  confirmPasswordReset(@Body() body: NewPasswordDto, @RequestId() requestId: string | null): Promise<void> {
    return this.accountTokens.confirmPasswordReset(body, requestId);
  }

  @Public()
  @Post('email-change')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Confirm a new email address from the link sent to it',
    description: "The member's address changes only now; the old one was told when the change was asked for.",
  })
  @ApiOkResponse({ type: EmailChanged })
  @ApiError(400, '`token` not valid, used or expired')
  @ApiError(409, 'Another member has that address since')
  @ApiError(410, 'The member is no longer a current member')
  confirmEmailChange(@Body() body: EmailChangeDto, @RequestId() requestId: string | null): Promise<EmailChanged> {
    return this.accountTokens.confirmEmailChange(body.token, requestId);
  }

  @Public()
  @Post('link-status')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Whether an activation or reset link still works',
    description: 'Changes nothing: the page behind the link asks before the member types a password.',
  })
  @ApiOkResponse({ type: LinkStatusDto })
  @ApiErrors(400)
  linkStatus(@Body() body: LinkCheckDto): Promise<LinkStatusDto> {
    return this.accountTokens.linkStatus(body.token, body.purpose);
  }

  @ApiBearerAuth()
  @Get('sessions')
  @ApiOperation({ summary: 'My logins that can still be refreshed' })
  @ApiOkResponse({ type: SessionPageDto })
  @ApiErrors(400, 401)
  listSessions(@CurrentMember() member: AuthenticatedMember, @Query() query: PageQuery): Promise<SessionPageDto> {
    return this.auth.listSessions(member.id, member.sessionId, query);
  }

  @ApiBearerAuth()
  @Post('sessions/sign-out-others')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign out everywhere else',
    description: 'Ends every login of mine except the one making the request.',
  })
  @ApiOkResponse({ type: SessionsEndedDto })
  @ApiErrors(401)
  signOutOthers(
    @CurrentMember() member: AuthenticatedMember,
    @RequestId() requestId: string | null,
  ): Promise<SessionsEndedDto> {
    return this.auth.endOtherSessions(member.id, member.sessionId, requestId);
  }

  @ApiBearerAuth()
  @Delete('sessions/:id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End one of my logins (a lost device, say)' })
  @ApiNoContentResponse({ description: 'Ended' })
  @ApiErrors(400, 401)
  @ApiError(404, 'No live session of mine with that id')
  endSession(@CurrentMember() member: AuthenticatedMember, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    return this.auth.endOwnSession(member.id, id);
  }
}
