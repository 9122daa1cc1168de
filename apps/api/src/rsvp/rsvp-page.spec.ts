import type { InvitationContext } from '../meetings/meetings.service';
import { rsvpPage } from './rsvp-page';

const invitation = {
  invitationId: 'i',
  memberId: 'm',
  memberName: 'Dr <Siân> O’Brien',
  rsvp: 'needs-action',
  respondedAt: null,
  meeting: {
    id: 'x',
    title: 'Hub meeting & AGM',
    startsAt: new Date('2027-06-09T09:00:00Z'),
    endsAt: new Date('2027-06-09T11:00:00Z'),
    venue: 'RCGP, London',
    onlineUrl: 'https://meet.example.org/a?b=1&c=2',
    status: 'scheduled',
  },
} as unknown as InvitationContext;

describe('RSVP page', () => {
  it('shows the meeting in London time and one button per reply, escaped', () => {
    const { status, html } = rsvpPage({ state: 'open', invitation });
    expect(status).toBe(200);
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain('<h1>Hub meeting &amp; AGM</h1>');
    expect(html).toContain('Dr &lt;Siân&gt; O’Brien');
    expect(html).toContain('Wednesday 9 June 2027, 10:00 to 12:00 BST');
    expect(html).toContain('href="https://meet.example.org/a?b=1&amp;c=2"');
    expect(html.match(/<button type="submit" name="response"/g)).toHaveLength(3);
    expect(html).toContain('<form method="post">');
  });

  it('marks the chosen reply for confirmation, and the current one as pressed', () => {
    const { html } = rsvpPage(
      { state: 'open', invitation: { ...invitation, rsvp: 'tentative' } },
      { chosen: 'declined' },
    );
    expect(html).toContain('value="declined" class="primary" aria-pressed="false"');
    expect(html).toContain('value="tentative" aria-pressed="true"');
    expect(html).toContain('Confirm your reply');
  });

  it('says why a link no longer works', () => {
    expect(rsvpPage({ state: 'cancelled', invitation }).status).toBe(410);
    expect(rsvpPage({ state: 'cancelled', invitation }).html).toContain('This meeting has been cancelled');
    expect(rsvpPage({ state: 'over', invitation }).html).toContain('This meeting is over');
    expect(rsvpPage({ state: 'invalid' }).status).toBe(404);
  });
});
