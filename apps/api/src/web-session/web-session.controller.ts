import {
  Body,
  Controller,
  HttpCode,
  HttpStatus,
  Ip,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseInterceptors,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBearerAuth, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember, Public } from '@seg/auth';
import { ApiError, ApiErrors } from '@seg/http';
import { RequestId } from '../audit/actor.decorator';
import { AccountTokensService } from '../auth/account-tokens.service';
import { AuthService } from '../auth/auth.service';
import { LoginDto } from '../auth/dto/login.dto';
import { NewPasswordDto } from '../auth/dto/new-password.dto';
import { SignInLinkDto, SignInThrottledBody } from '../auth/dto/sign-in-link.dto';
import { TokenPairDto } from '../auth/dto/token-pair.dto';
import { RetryAfterInterceptor } from '../throttle/retry-after.interceptor';
import {
  endSession,
  readSessionCookie,
  requireWebClient,
  SetHeader,
  startSession,
  WEB_CLIENT_HEADER,
  WebRequest,
} from './web-session';
import { WebSession } from './web-session.dto';

/**
 * The web app's own login (with a password or an emailed link), refresh, activation and logout. The same auth service as /auth/*,
 * but the refresh token travels only in an httpOnly, Secure, SameSite=Strict cookie scoped to
 * these routes, and the answer carries the access token alone.
 */
@ApiTags('auth')
@ApiHeader({ name: WEB_CLIENT_HEADER, required: true, description: 'Always 1: marks a call from the web app' })
@ApiError(403, 'The X-SEG-Web header is missing')
@Controller('auth/web')
export class WebSessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly accountTokens: AccountTokensService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({ summary: 'Log in from the web app; the refresh token is set as a cookie' })
  @ApiOkResponse({ type: WebSession })
  @ApiErrors(400)
  @ApiError(401, 'Wrong email or password')
  @ApiError(
    429,
    'Too many failed attempts; see Retry-After. `signInLinkAvailable`: a sign-in link can be emailed (POST /auth/sign-in-link)',
    SignInThrottledBody,
  )
  async login(
    @Body() body: LoginDto,
    @Ip() address: string,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: unknown,
  ): Promise<WebSession> {
    return this.signIn(req, res, (userAgent) => this.auth.login(body, { address, userAgent }));
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'A new access token from the session cookie, which is rotated' })
  @ApiOkResponse({ type: WebSession })
  @ApiError(401, 'No session cookie, or its login has ended')
  async refresh(@Req() req: WebRequest, @Res({ passthrough: true }) res: unknown): Promise<WebSession> {
    requireWebClient(req);
    const token = readSessionCookie(req);
    if (!token) throw new UnauthorizedException('Not logged in');
    try {
      return startSession(this.setHeader(res), await this.auth.refresh(token));
    } catch (error) {
      endSession(this.setHeader(res));
      throw error;
    }
  }

  @Public()
  @Post('activate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Set the first password from the activation email and log in' })
  @ApiOkResponse({ type: WebSession })
  @ApiError(400, '`token` not valid, used or expired; or `password` refused')
  async activate(
    @Body() body: NewPasswordDto,
    @RequestId() requestId: string | null,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: unknown,
  ): Promise<WebSession> {
    return this.signIn(req, res, (userAgent) => this.accountTokens.activate(body, { requestId, userAgent }));
  }

  @Public()
  @Post('sign-in-link')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in from the web app with the link from the email (as POST /auth/sign-in-link/confirm)',
  })
  @ApiOkResponse({ type: WebSession })
  @ApiError(400, '`token` not valid, used or expired')
  @ApiError(410, 'The member is no longer a current member')
  async signInWithLink(
    @Body() body: SignInLinkDto,
    @RequestId() requestId: string | null,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: unknown,
  ): Promise<WebSession> {
    return this.signIn(req, res, (userAgent) =>
      this.accountTokens.signInWithLink(body.token, { requestId, userAgent }),
    );
  }

  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End this login and drop the session cookie' })
  @ApiNoContentResponse({ description: 'Logged out' })
  @ApiErrors(401)
  async logout(
    @CurrentMember() member: AuthenticatedMember,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) res: unknown,
  ): Promise<void> {
    requireWebClient(req);
    const token = readSessionCookie(req);
    if (token) await this.auth.logout(member.id, token);
    endSession(this.setHeader(res));
  }

  /**
   * A sign-in from the web app (password, activation or emailed link): only with the web app's
   * header, and the new login's refresh token set as the session cookie.
   */
  private async signIn(
    req: WebRequest,
    res: unknown,
    signIn: (userAgent: string | undefined) => Promise<TokenPairDto>,
  ): Promise<WebSession> {
    requireWebClient(req);
    return startSession(this.setHeader(res), await signIn(req.headers['user-agent']));
  }

  private setHeader(res: unknown): SetHeader {
    return (name, value) => this.adapterHost.httpAdapter.setHeader(res, name, value);
  }
}
