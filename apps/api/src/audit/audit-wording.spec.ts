import { AuditNames, describeAudit } from './audit-wording';

const KWAME = '11111111-1111-4111-8111-111111111111';
const LONDON = '22222222-2222-4222-8222-222222222222';
const WALES = '33333333-3333-4333-8333-333333333333';
const POST = '44444444-4444-4444-8444-444444444444';
const INVITATION = '55555555-5555-4555-8555-555555555555';
const MEETING = '66666666-6666-4666-8666-666666666666';

const names: AuditNames = {
  members: new Map([[KWAME, 'Kwame Mensah']]),
  regions: new Map([
    [LONDON, 'London'],
    [WALES, 'Wales'],
  ]),
  categories: new Map(),
  establishments: new Map(),
  meetings: new Map([[MEETING, 'Spring summit']]),
  posts: new Map([[POST, { memberId: KWAME, role: 'Regional lead', regionId: LONDON }]]),
  invitations: new Map([[INVITATION, { memberId: KWAME, meetingId: MEETING }]]),
};

describe('the audit trail in words', () => {
  it('names the member and the fields that changed, with names for ids', () => {
    const wording = describeAudit(
      {
        entity: 'member',
        entityId: KWAME,
        action: 'update',
        before: { phone: '020 7946 0000', regionId: LONDON, updatedAt: 'a' },
        after: { phone: '020 7946 0001', regionId: WALES, updatedAt: 'b' },
      },
      names,
    );
    expect(wording.summary).toBe("Kwame Mensah's phone and region changed");
    expect(wording.changes).toEqual([
      { field: 'phone', label: 'phone', before: '020 7946 0000', after: '020 7946 0001' },
      { field: 'regionId', label: 'region', before: 'London', after: 'Wales' },
    ]);
  });

  it('says a status change in words', () => {
    const wording = describeAudit(
      {
        entity: 'member',
        entityId: KWAME,
        action: 'update:left',
        before: { status: 'active' },
        after: { status: 'left' },
      },
      names,
    );
    expect(wording.summary).toBe('Kwame Mensah marked as left');
  });

  it('says who was given a post and whose post ended', () => {
    expect(
      describeAudit(
        {
          entity: 'post',
          entityId: POST,
          action: 'create',
          before: null,
          after: { memberId: KWAME, regionId: LONDON },
        },
        names,
      ).summary,
    ).toBe('Kwame Mensah given the post of Regional lead, London');
    expect(
      describeAudit(
        { entity: 'post', entityId: POST, action: 'end', before: { endsOn: null }, after: { endsOn: '2026-03-01' } },
        names,
      ).summary,
    ).toBe("Kwame Mensah's post of Regional lead, London ended");
  });

  it('words a reply the way every other screen does', () => {
    const wording = describeAudit(
      {
        entity: 'invitation',
        entityId: INVITATION,
        action: 'rsvp',
        before: { rsvp: 'needs-action' },
        after: { rsvp: 'accepted' },
      },
      names,
    );
    expect(wording.summary).toBe('Kwame Mensah replied “Going” to “Spring summit”');
    expect(wording.changes[0]).toEqual({ field: 'rsvp', label: 'reply', before: 'No reply yet', after: 'Going' });
  });

  it('says a reply came by calendar, and from which address', () => {
    const wording = describeAudit(
      {
        entity: 'invitation',
        entityId: INVITATION,
        action: 'rsvp',
        before: { rsvp: 'needs-action' },
        after: { rsvp: 'declined', rsvpSource: 'calendar', replyFrom: 'kwame@example.net' },
      },
      names,
    );
    expect(wording.summary).toBe(
      'Kwame Mensah replied “Not going” to “Spring summit” by calendar reply from kwame@example.net',
    );
  });

  it('says so when a record it names is gone', () => {
    const gone = '77777777-7777-4777-8777-777777777777';
    const wording = describeAudit(
      { entity: 'region', entityId: gone, action: 'update', before: { name: 'Old' }, after: { name: 'New' } },
      names,
    );
    expect(wording.summary).toBe('The region no longer on record: name changed');
  });

  it('shows instants in UK time and kept objects in words, never raw JSON', () => {
    const wording = describeAudit(
      {
        entity: 'meeting',
        entityId: '88888888-8888-4888-8888-888888888888',
        action: 'update',
        before: { startsAt: '2027-04-15T08:00:00.000Z', counts: { left: 2, suspended: 0 } },
        after: { startsAt: '2027-04-15T08:30:00.000Z', counts: { left: 0, suspended: 0 } },
      },
      names,
    );
    const byField = Object.fromEntries(wording.changes.map((c) => [c.field, c]));
    expect(byField.startsAt).toMatchObject({
      before: 'Thursday 15 April 2027, 09:00 BST',
      after: 'Thursday 15 April 2027, 09:30 BST',
    });
    expect(byField.counts).toMatchObject({ before: 'left 2, suspended 0', after: 'left 0, suspended 0' });
  });
});
