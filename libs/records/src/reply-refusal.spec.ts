import { answeredRevision, REPLY_REFUSALS, replyRefusal, ReplyTarget } from './reply-refusal';

describe('replyRefusal', () => {
  const now = new Date('2026-06-10T12:00:00Z');
  const open: ReplyTarget = {
    member: { status: 'active', erasedAt: null },
    meeting: { status: 'scheduled', endsAt: new Date('2026-06-10T12:00:01Z') },
  };
  const refused = (change: { member?: Partial<ReplyTarget['member']>; meeting?: Partial<ReplyTarget['meeting']> }) =>
    replyRefusal({ member: { ...open.member, ...change.member }, meeting: { ...open.meeting, ...change.meeting } }, now)
      ?.reason ?? null;

  it('lets a current member answer a scheduled meeting that is not over', () => {
    expect(replyRefusal(open, now)).toBeNull();
    expect(refused({ member: { status: 'invited' } })).toBeNull();
  });

  it('refuses, the membership first, then a cancelled, unscheduled or finished meeting', () => {
    expect(refused({ member: { status: 'left' }, meeting: { status: 'cancelled' } })).toBe('membership-ended');
    expect(refused({ member: { status: 'suspended' } })).toBe('membership-ended');
    expect(refused({ member: { erasedAt: now } })).toBe('membership-ended');
    expect(refused({ meeting: { status: 'cancelled', endsAt: now } })).toBe('cancelled');
    expect(refused({ meeting: { status: 'draft' } })).toBe('not-scheduled');
    expect(refused({ meeting: { endsAt: now } })).toBe('over');
    expect(refused({ meeting: { endsAt: null } })).toBe('over');
    expect(replyRefusal({ ...open, meeting: { ...open.meeting, endsAt: now } }, now)).toBe(REPLY_REFUSALS.over);
  });

  it('answers the revision a calendar names when earlier than the meeting’s, else the meeting’s own', () => {
    expect(answeredRevision(3)).toBe(3);
    expect(answeredRevision(3, 1)).toBe(1);
    expect(answeredRevision(3, 7)).toBe(3);
  });
});
