import { Controller, Get, Header, Ip, Param, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AuthenticatedMember, CurrentMember, Public } from '@seg/auth';
import { ApiError, ApiErrors, download } from '@seg/http';
import { RetryAfterInterceptor } from '../throttle/retry-after.interceptor';
import { CertificatesService } from './certificates.service';
import { CertificateVerification } from './dto/certificate.dto';

@ApiTags('learning')
@Controller('certificates')
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  /** A certificate of attendance as PDF: for the attendee (and the secretariat); 404 to anyone else. */
  @Get(':number.pdf')
  @ApiBearerAuth()
  @ApiProduces('application/pdf')
  @ApiOkResponse({
    description: 'The certificate, one A4 page',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(401, 404)
  @ApiError(410, 'The attendance was withdrawn: no certificate')
  async pdf(@Param('number') number: string, @CurrentMember() member: AuthenticatedMember): Promise<StreamableFile> {
    const certificate = await this.certificates.pdf(number, member);
    return download(certificate.pdf, 'application/pdf', `attachment; filename="certificate-${certificate.number}.pdf"`);
  }

  /**
   * Public (no sign in): whether a number is a certificate of attendance, valid or withdrawn, with
   * the name, the meeting and its date, nothing else. 404 for a number that is none; an address
   * that asks about many unknown numbers waits (429).
   */
  @Get(':number/verify')
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('X-Robots-Tag', 'noindex')
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOkResponse({ type: CertificateVerification })
  @ApiErrors(404, 429)
  verify(@Param('number') number: string, @Ip() address: string): Promise<CertificateVerification> {
    return this.certificates.verify(number, address);
  }
}
