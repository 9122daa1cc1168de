import { GoneException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { AuthenticatedMember, isSecretariat } from '@seg/auth';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { certificatePdf, CertificateFactsRepository, meetingWhen } from '@seg/learning';
import { readCertificateNumber } from '@seg/rules';
import { CertificateVerification } from './dto/certificate.dto';
import { VerificationThrottle } from './verification-throttle';

const notFound = () => new NotFoundException('No certificate has this number');

/** Certificates of attendance: the attendee's download, and the public check of a number. */
@Injectable()
export class CertificatesService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly certificates: CertificateFactsRepository,
    private readonly throttle: VerificationThrottle,
  ) {}

  /** The PDF, for its attendee or the secretariat; to anyone else it does not exist. */
  async pdf(typed: string, viewer: AuthenticatedMember): Promise<{ number: string; pdf: Buffer }> {
    const number = readCertificateNumber(typed);
    const facts = number ? await this.certificates.byNumber(number) : null;
    if (!facts || (facts.memberId !== viewer.id && !isSecretariat(viewer))) throw notFound();
    if (facts.withdrawnAt)
      throw new GoneException('This attendance was withdrawn by the organiser: there is no certificate for it');
    const pdf = await certificatePdf(facts, {
      publicUrl: this.config.publicUrl,
      secretariatEmail: this.config.secretariatEmail,
    });
    return { number: facts.number, pdf };
  }

  /** Anyone: whether the number is a certificate, and if so only whose, for what and when. */
  async verify(typed: string, address: string): Promise<CertificateVerification> {
    await this.throttle.check(address);
    const number = readCertificateNumber(typed);
    const facts = number ? await this.certificates.byNumber(number) : null;
    if (!facts) {
      await this.throttle.unknownNumber(address);
      throw notFound();
    }
    return {
      number: facts.number,
      status: facts.withdrawnAt ? 'withdrawn' : 'valid',
      name: facts.memberName,
      meeting: facts.meeting.title,
      date: meetingWhen(facts.meeting),
    };
  }
}
