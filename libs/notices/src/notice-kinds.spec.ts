import { isNoticeKind, NOTICE_KINDS } from './notice-kinds';
import { reminderTime } from './meeting-reminders';

describe('notice kinds', () => {
  it('sends a change to everyone but those who declined, a cancellation to every invitee, a reminder to those coming or silent', () => {
    expect(NOTICE_KINDS['meeting-update'].rsvps).toEqual(['needs-action', 'accepted', 'tentative']);
    expect([...NOTICE_KINDS['meeting-cancellation'].rsvps].sort()).toEqual([
      'accepted',
      'declined',
      'needs-action',
      'tentative',
    ]);
    expect([...NOTICE_KINDS['meeting-reminder'].rsvps].sort()).toEqual(['accepted', 'needs-action']);
  });

  it('knows its own kinds only', () => {
    expect(isNoticeKind('activation')).toBe(true);
    expect(isNoticeKind('toString')).toBe(false);
    expect(isNoticeKind('meeting-minutes')).toBe(false);
  });
});

describe('reminderTime', () => {
  const startsAt = new Date('2026-03-30T09:00:00Z');

  it('is the given hours before the start, fractions allowed', () => {
    expect(reminderTime({ status: 'scheduled', startsAt }, 24)?.toISOString()).toBe('2026-03-29T09:00:00.000Z');
    expect(reminderTime({ status: 'scheduled', startsAt }, 1.5)?.toISOString()).toBe('2026-03-30T07:30:00.000Z');
  });

  it('is null for a meeting that is not scheduled or has no date', () => {
    expect(reminderTime({ status: 'draft', startsAt }, 24)).toBeNull();
    expect(reminderTime({ status: 'cancelled', startsAt }, 24)).toBeNull();
    expect(reminderTime({ status: 'scheduled', startsAt: null }, 24)).toBeNull();
  });
});
