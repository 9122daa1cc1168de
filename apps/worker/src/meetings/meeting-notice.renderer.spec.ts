import { loadConfig } from '@seg/config';
import { Clock } from '@seg/rules';
import { randomUUID } from 'node:crypto';
import { NoticeToSend, RenderedEmail } from '../notices/notice-renderer';
import { MeetingNoticeRenderer } from './meeting-notice.renderer';

const config = loadConfig({
  NODE_ENV: 'test',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-use',
  PUBLIC_URL: 'https://seg.example',
  MAIL_FROM: 'SEG Network <secretariat@seg.example>',
});

class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }
  override now(): Date {
    return this.at;
  }
}

const meeting = {
  id: randomUUID(),
  title: 'Health & Justice Summit: "what works"',
  kind: 'summit' as const,
  // Long enough, with a non-ASCII character, that the calendar folds it.
  agenda: 'Opening; the year in review, with the regions’ leads, and questions from the floor\nLunch, then workshops',
  startsAt: new Date('2027-11-10T09:30:00Z'),
  endsAt: new Date('2027-11-11T17:00:00Z'),
  venue: 'RCGP, 30 Euston Square, London',
  onlineUrl: null,
  status: 'scheduled' as const,
  revision: 2,
  summitNumber: null,
  summitYear: null,
  theme: null,
  createdById: null,
  regionId: null,
  cancelledAt: null,
  cpdMinutes: null,
  learningOutcomes: [],
  checkInCode: null,
  createdAt: new Date('2026-12-01T10:00:00Z'),
  updatedAt: new Date('2026-12-02T10:00:00Z'),
};

function notice(
  member: { name: string | null; email: string },
  kind: NoticeToSend['kind'] = 'meeting-invite',
  payload: Record<string, unknown> = {},
): NoticeToSend {
  return {
    id: randomUUID(),
    kind,
    memberId: randomUUID(),
    invitationId: randomUUID(),
    toEmail: member.email,
    payload,
    generation: 0,
    status: 'queued',
    memberName: member.name,
    memberEmailStatus: 'ok',
    memberNoticesOff: [],
    invitation: { rsvp: 'needs-action', meeting, invitedBy: null },
  } as unknown as NoticeToSend;
}

/** Every string a rendered email carries, to look for one member's parts in another's copy. */
function everything(email: RenderedEmail): string {
  return JSON.stringify(email);
}

describe("a meeting's notice rendered once for all its invitees", () => {
  const clock = new FixedClock(new Date('2027-01-05T08:00:00Z'));

  it("gives each member, through the one rendering, their own name, links and reply address and nothing of the other's, byte for byte as rendered whole", () => {
    const renderer = new MeetingNoticeRenderer(config, clock);
    const template = jest.spyOn(renderer as unknown as { template: () => unknown }, 'template');
    // A name to escape in HTML and long enough to fold in the calendar's ATTENDEE line.
    const aoife = notice({
      name: 'Aoife <Ní> Bhriain & “Partners”, Secure Environments Lead',
      email: 'aoife@example.org',
    });
    const tom = notice({ name: 'Tom Okafor', email: 'tom.okafor@example.net' });

    const forAoife = renderer.render(aoife) as RenderedEmail;
    const forTom = renderer.render(tom) as RenderedEmail;
    expect(template).toHaveBeenCalledTimes(1);
    expect(forAoife).toEqual(renderer.renderWhole(aoife));
    expect(forTom).toEqual(renderer.renderWhole(tom));

    const own = (email: RenderedEmail) => ({
      rsvp: /\/rsvp\/[\w.-]+/.exec(email.text)![0],
      off: /\/unsubscribe\/[\w.-]+/.exec(email.text)![0],
      replyTo: email.replyTo!.address,
    });
    const aoifes = own(forAoife);
    const toms = own(forTom);
    expect(forAoife.text).toContain('Dear Aoife <Ní> Bhriain & “Partners”, Secure Environments Lead,');
    expect(forAoife.html).toContain('Dear Aoife &lt;Ní&gt; Bhriain &amp; “Partners”, Secure Environments Lead,');
    expect(forTom.text).toContain('Dear Tom Okafor,');
    for (const part of Object.values(aoifes)) {
      expect(everything(forAoife)).toContain(part);
      expect(everything(forTom)).not.toContain(part);
    }
    for (const part of Object.values(toms)) {
      expect(everything(forTom)).toContain(part);
      expect(everything(forAoife)).not.toContain(part);
    }
    expect(everything(forTom)).not.toContain('Aoife');
    expect(everything(forTom)).not.toContain('aoife@example.org');
    expect(everything(forAoife)).not.toContain('Okafor');
    expect(forAoife.headers!['List-Unsubscribe']).toBe(`<https://seg.example${aoifes.off}>`);
    // The calendar's lines unfolded (RFC 5545: a line break and a space continue a line).
    const tomsCalendar = forTom.calendar!.content.replace(/\r\n /g, '');
    expect(tomsCalendar).toContain('PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:tom.okafor@example.net');
    expect(tomsCalendar).toContain(`ORGANIZER;CN=SEG Network:mailto:${toms.replyTo}`);
    expect(tomsCalendar).toContain(`Reply: https://seg.example${toms.rsvp}`);
    expect(tomsCalendar).toContain('DTSTAMP:20270105T080000Z');
    expect(forAoife.calendar!.content.replace(/\r\n /g, '')).toContain(
      'ATTENDEE;CN="Aoife <Ní> Bhriain & “Partners”, Secure Environments Lead";',
    );
  });

  it('renders updates, reminders and cancellations, and a member without a name, as rendered whole', () => {
    const renderer = new MeetingNoticeRenderer(config, clock);
    const was = { was: { venue: 'Online only', startsAt: '2027-11-09T09:30:00.000Z' } };
    for (const [kind, payload] of [
      ['meeting-update', was],
      ['meeting-reminder', {}],
      ['meeting-cancellation', {}],
    ] as const) {
      for (const member of [
        { name: 'Tom Okafor', email: 'tom.okafor@example.net' },
        { name: null, email: 'no.name@example.org' },
      ]) {
        const one = notice(member, kind, payload);
        expect(renderer.render(one)).toEqual(renderer.renderWhole(one));
      }
    }
  });
});
