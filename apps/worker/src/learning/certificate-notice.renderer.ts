import { escapeHtml } from '@seg/links';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { certificatePdf, CertificateFactsRepository, meetingWhen, verificationUrl } from '@seg/learning';
import { formatHours } from '@seg/rules';
import { htmlButton, htmlEmail } from '../notices/email-layout';
import { NoticeRenderer, NoticeToSend, RenderedEmail } from '../notices/notice-renderer';

/** The certificate of attendance of a meeting that has closed, its PDF attached. */
@Injectable()
export class CertificateNoticeRenderer implements NoticeRenderer {
  readonly kinds = ['attendance-certificate'] as const;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly certificates: CertificateFactsRepository,
  ) {}

  async render(notice: NoticeToSend): Promise<RenderedEmail | { skip: string }> {
    const attendanceId = (notice.payload as { attendanceId?: string }).attendanceId;
    const facts = attendanceId ? await this.certificates.byAttendanceId(attendanceId) : null;
    if (!facts) return { skip: 'The attendance is gone' };
    if (facts.withdrawnAt) return { skip: 'The attendance was withdrawn' };
    const pdf = await certificatePdf(facts, {
      publicUrl: this.config.publicUrl,
      secretariatEmail: this.config.secretariatEmail,
    });
    const { meeting } = facts;
    const subject = `Your certificate of attendance: ${meeting.title}`;
    const myLearning = `${this.config.publicUrl}/my/learning`;
    const lines = [
      `Dear ${facts.memberName},`,
      `Thank you for coming to ${meeting.title} (${meetingWhen(meeting)}). Your certificate of attendance is attached${
        meeting.cpdMinutes ? `, for ${formatHours(meeting.cpdMinutes)} of CPD` : ''
      }.`,
      `Its number is ${facts.number}; anyone you show it to can check it at ${verificationUrl(this.config.publicUrl, facts.number)}.`,
      'Add what you learnt and what you will change to it in My learning, for your appraisal. Your notes are yours alone.',
    ];
    return {
      subject,
      text: `${lines.join('\n\n')}\n\nMy learning:\n${myLearning}\n`,
      html: htmlEmail(
        subject,
        `${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}${htmlButton(myLearning, 'Open My learning')}`,
      ),
      attachments: [{ filename: `certificate-${facts.number}.pdf`, content: pdf, contentType: 'application/pdf' }],
    };
  }
}
