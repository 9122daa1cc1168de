import {
  attendance,
  auditLog,
  inboundMessages,
  invitations,
  learningEntries,
  meetings,
  memberMessages,
  notices,
  reflections,
} from '@seg/db';
import { sql } from 'drizzle-orm';
import { createMember, createPost, loggedIn } from './support/factories';
import { useStack } from './support/stack';

/** Tables that refer to a member but hold nothing the export does not already give, and why. */
const COPIES: Record<string, string> = {
  directory_cards: 'the directory read model: a copy of the member record, kept by triggers',
  erasure_mentions:
    'where staff-written text may still name an erased member: made only by erasure, when there is nobody left to ask',
};

// Subject access: GET /me/export holds every row of every table that refers to the member. The
// foreign keys to members are read from PostgreSQL, so a new table referring to members fails
// here until the export (and this test's data) covers it.
describe('subject access export', () => {
  const stack = useStack();

  it("holds the mail received about them (calendar replies, bounces) and every change to their posts, and nobody else's", async () => {
    const { member, auth } = await loggedIn(stack.db, stack.config, { name: 'Rhys Replier', region: 'wales' });
    const other = await createMember(stack.db, { name: 'Olwen Other', region: 'wales' });
    const post = await createPost(stack.db, { memberId: member.id, region: 'wales', role: 'Regional lead' });
    const [given, ended] = await stack.db
      .insert(auditLog)
      .values([
        { entity: 'post', entityId: post.id, action: 'create', after: { role: 'Regional lead' } },
        { entity: 'post', entityId: post.id, action: 'end', after: { endsOn: '2031-01-01' } },
      ])
      .returning();
    const [meeting] = await stack.db
      .insert(meetings)
      .values({
        title: 'Wales hub',
        kind: 'hub',
        startsAt: new Date('2031-02-01T10:00:00Z'),
        endsAt: new Date('2031-02-01T11:00:00Z'),
      })
      .returning();
    const [mine, theirs] = await stack.db
      .insert(invitations)
      .values([
        { meetingId: meeting.id, memberId: member.id },
        { meetingId: meeting.id, memberId: other.id },
      ])
      .returning();
    const [notice] = await stack.db
      .insert(notices)
      .values({ kind: 'meeting-invite', memberId: member.id, toEmail: member.email, invitationId: mine.id })
      .returning();
    const [reply, bounce] = await stack.db
      .insert(inboundMessages)
      .values([
        { messageId: `<reply-${member.id}@example.net>`, outcome: 'reply', invitationId: mine.id },
        { messageId: `<bounce-${member.id}@example.net>`, outcome: 'bounce', noticeId: notice.id },
        { messageId: `<reply-${other.id}@example.net>`, outcome: 'reply', invitationId: theirs.id },
      ])
      .returning();

    const exported = (await stack.http().get('/me/export').set(auth).expect(200)).body;
    expect(exported.inboundMessages.map((m: { id: string }) => m.id).sort()).toEqual([reply.id, bounce.id].sort());
    expect(exported.auditOfPosts.map((a: { id: string }) => a.id).sort()).toEqual([given.id, ended.id].sort());
    expect(JSON.stringify(exported)).not.toContain(`reply-${other.id}`);
  });

  it('covers every row of every table whose foreign keys refer to the member', async () => {
    const { member, auth } = await loggedIn(stack.db, stack.config, {
      name: 'Sabine Accessby',
      category: 'prison-gp',
      region: 'wales',
      password: 'Correct horse 42',
    });
    const secretariat = (await loggedIn(stack.db, stack.config, { role: 'secretariat' })).auth;
    const other = await createMember(stack.db, { name: 'Invited Other', region: 'wales' });
    const place = (await stack.http().get('/establishments?region=wales').set(auth).expect(200)).body.items[0];
    await createPost(stack.db, { memberId: member.id, region: 'wales', role: 'Regional lead' });
    // A change of their own (audited, by them), a login with a device, a password-reset link and its email.
    await stack
      .http()
      .patch('/me')
      .set(auth)
      .send({ bio: 'Prison GP in Cardiff', establishmentIds: [place.id] })
      .expect(200);
    await stack
      .http()
      .post('/auth/login')
      .set('User-Agent', 'Mozilla/5.0 (X11; Linux x86_64; rv:120.0) Gecko/20100101 Firefox/120.0')
      .send({ email: member.email, password: 'Correct horse 42' })
      .expect(200);
    await stack.http().post('/auth/password-reset').send({ email: member.email }).expect(202);
    await stack.http().post('/me/erasure-request').set(auth).expect(202);
    await stack.http().get('/me/calendar').set(auth).expect(200);
    // A meeting they created and ran, inviting themselves and a colleague; an audit entry of theirs.
    const [meeting] = await stack.db
      .insert(meetings)
      .values({
        title: 'Wales spoke',
        kind: 'regional',
        startsAt: new Date('2030-01-01T10:00:00Z'),
        endsAt: new Date('2030-01-01T11:00:00Z'),
        createdById: member.id,
      })
      .returning();
    await stack.db.insert(invitations).values([
      { meetingId: meeting.id, memberId: member.id, invitedById: member.id },
      { meetingId: meeting.id, memberId: other.id, invitedById: member.id },
    ]);
    await stack.db
      .insert(auditLog)
      .values({ actorId: member.id, entity: 'meeting', entityId: meeting.id, action: 'create' });
    // They attended it and reflected on it, and keep a learning entry of their own.
    const [came] = await stack.db
      .insert(attendance)
      .values({
        meetingId: meeting.id,
        memberId: member.id,
        source: 'check-in',
        certificateNumber: 'SEG-ACC3-SS00-0001',
      })
      .returning();
    await stack.db
      .insert(reflections)
      .values({ attendanceId: came.id, learnt: 'Private: handovers at night', willChange: 'Private: a checklist' });
    await stack.db.insert(learningEntries).values({
      memberId: member.id,
      title: 'Wound care webinar',
      occurredOn: '2026-01-20',
      minutes: 60,
      learnt: 'Private: dressings',
    });

    // A message they sent a colleague through the group's mail, and one they received.
    await stack.db.insert(memberMessages).values([
      { senderId: member.id, recipientId: other.id, sentAt: new Date('2026-02-01T10:00:00Z') },
      { senderId: other.id, recipientId: member.id, sentAt: new Date('2026-02-02T10:00:00Z') },
    ]);

    const mine = await stack.http().get('/me/export').set(auth).expect(200);
    expect(mine.headers['content-disposition']).toMatch(/attachment/);
    const theirs = await stack.http().get(`/members/${member.id}/export`).set(secretariat).expect(200);
    await stack.http().get(`/members/${member.id}/export`).set(auth).expect(403);
    // The secretariat's copy is the member's, less their reflective notes, which are theirs alone.
    expect(mine.body).toMatchObject({
      reflectiveNotes: 'included',
      attendance: [
        expect.objectContaining({
          reflection: { learnt: 'Private: handovers at night', willChange: 'Private: a checklist' },
        }),
      ],
      learningEntries: [expect.objectContaining({ title: 'Wound care webinar', learnt: 'Private: dressings' })],
    });
    expect(theirs.body.reflectiveNotes).toBe('withheld');
    expect(JSON.stringify(theirs.body)).not.toMatch(/Private:/);
    const withoutNotes = {
      ...mine.body,
      exportedAt: null,
      reflectiveNotes: 'withheld',
      attendance: mine.body.attendance.map(({ reflection: _notes, ...row }: Record<string, unknown>) => row),
      learningEntries: mine.body.learningEntries.map(
        ({ learnt: _l, willChange: _w, ...row }: Record<string, unknown>) => row,
      ),
    };
    expect({ ...theirs.body, exportedAt: null }).toEqual(withoutNotes);
    // Nor does another member's export hold them.
    const otherAuth = (await loggedIn(stack.db, stack.config, { region: 'wales' })).auth;
    const othersExport = await stack.http().get('/me/export').set(otherAuth).expect(200);
    expect(JSON.stringify(othersExport.body)).not.toMatch(/Private:|Wound care/);
    const exported = JSON.stringify(mine.body);
    expect(mine.body.sessions.some((s: { device: string | null }) => s.device === 'Firefox on Linux')).toBe(true);

    const refs = await stack.db.execute<{ table: string; column: string }>(sql`
      select c.conrelid::regclass::text as table, a.attname as column
        from pg_constraint c
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
       where c.contype = 'f' and c.confrelid = 'members'::regclass
       order by 1, 2`);
    expect(refs.rows.length).toBeGreaterThan(5);
    const uncovered: string[] = [];
    for (const { table, column } of refs.rows) {
      if (COPIES[table]) continue;
      const rows = await stack.db.execute<{ row: Record<string, unknown> }>(
        sql`select to_jsonb(t) as row from ${sql.identifier(table)} t where ${sql.identifier(column)} = ${member.id}::uuid`,
      );
      if (!rows.rows.length)
        uncovered.push(`${table}.${column}: this test makes no row of it (add one, and cover it in the export)`);
      for (const { row } of rows.rows) {
        // A row is in the export by its id, or (a link table) by the ids it links the member to.
        const keys =
          'id' in row
            ? [row.id]
            : Object.entries(row)
                .filter(([k, v]) => k !== column && typeof v === 'string')
                .map(([, v]) => v);
        for (const key of keys)
          if (!exported.includes(String(key)))
            uncovered.push(`${table}.${column}: row ${JSON.stringify(key)} is not in the export`);
      }
    }
    expect(uncovered).toEqual([]);
    expect(exported).not.toMatch(/token_?hash|passwordHash|\$argon2/i);
  });
});
