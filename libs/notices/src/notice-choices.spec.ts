import { heldBackByChoice, isMeetingNotice, noticeChoiceOf } from './notice-choices';
import { NOTICE_KINDS, NoticeKind } from './notice-kinds';

describe('notice choices', () => {
  it('puts every meeting notice under a choice and no account email under any', () => {
    for (const kind of Object.keys(NOTICE_KINDS) as NoticeKind[]) {
      const choice = noticeChoiceOf(kind, 'hub');
      expect({ kind, choice: choice !== null }).toEqual({ kind, choice: isMeetingNotice(kind) });
    }
    expect(noticeChoiceOf('password-reset', 'regional')).toBeNull();
    expect(noticeChoiceOf('activation', 'hub')).toBeNull();
  });

  it('follows the meeting: regional meetings apart, the hub, the summit and other national events together; reminders whatever the meeting', () => {
    expect(noticeChoiceOf('meeting-invite', 'regional')).toBe('regional-meetings');
    expect(noticeChoiceOf('meeting-update', 'hub')).toBe('hub-meetings');
    expect(noticeChoiceOf('meeting-cancellation', 'summit')).toBe('hub-meetings');
    expect(noticeChoiceOf('meeting-invite', 'other')).toBe('hub-meetings');
    expect(noticeChoiceOf('meeting-reminder', 'regional')).toBe('reminders');
    expect(noticeChoiceOf('meeting-reminder', 'hub')).toBe('reminders');
  });

  it('holds back what the member turned off, except a change or cancellation of a meeting they said they would come to', () => {
    const hub = { kind: 'hub' as const };
    expect(heldBackByChoice('meeting-invite', hub, 'needs-action', ['hub-meetings'])).toBe(
      'Not sent: the member turned off hub meetings and national events',
    );
    expect(heldBackByChoice('meeting-invite', hub, 'needs-action', ['regional-meetings', 'reminders'])).toBeNull();
    expect(heldBackByChoice('meeting-update', hub, 'needs-action', ['hub-meetings'])).not.toBeNull();
    expect(heldBackByChoice('meeting-update', hub, 'accepted', ['hub-meetings'])).toBeNull();
    expect(heldBackByChoice('meeting-cancellation', hub, 'tentative', ['hub-meetings'])).toBeNull();
    expect(heldBackByChoice('meeting-cancellation', hub, 'declined', ['hub-meetings'])).not.toBeNull();
    expect(heldBackByChoice('meeting-reminder', hub, 'accepted', ['reminders'])).toBe(
      'Not sent: the member turned off reminders',
    );
    expect(heldBackByChoice('meeting-reminder', hub, 'accepted', ['hub-meetings'])).toBeNull();
  });
});
