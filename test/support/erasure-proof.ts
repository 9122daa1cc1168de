import {
  attendance,
  establishments,
  inboundMessages,
  invitations,
  learningEntries,
  members,
  notices,
  reflections,
} from '@seg/db';
import { and, eq } from 'drizzle-orm';
import { execFileSync } from 'node:child_process';
import { PasswordHasher } from '../../apps/api/src/auth/password-hasher';
import { accessTokenFor } from './factories';
import type { useStack } from './stack';

type Stack = ReturnType<typeof useStack>;
type Details = Record<string, string>;

/**
 * A member with distinctive values in every field, for the proof that erasing them leaves
 * nothing: what they are created with, the changes made to them, and every value to look for.
 */
export interface Persona {
  /** Their place of work, made for them. */
  place: string;
  first: Details;
  later: [Details, Details];
  /** What the mail loop leaves: a comment with a proposed time, and the receiving server's words. */
  counterComment: string;
  bounceDiagnostic: string;
  /** Their learning record: a reflection on a meeting they attended, and an entry of their own. */
  reflection: string;
  learningTitle: string;
  /** Every personal value (or a distinctive part of one) that must not survive erasure. */
  searched: string[];
}

export const QUILLON: Persona = {
  place: 'Zanzibar Quayside (HMP)',
  first: {
    email: 'Quillon.Vexbridge@Example.org',
    name: 'Dr Quillon Vexbridge',
    title: 'Zygomatic Lead Physician',
    registration: 'GMC 7719203',
    phone: '+44 7700 913377',
    bio: 'Writes Xylophonic Triage Notes',
    availability: 'Thursdays at Wolverquay',
  },
  later: [
    { name: 'Dr Quillon Vexbridge-Ormsky', phone: '+44 7700 955512', bio: 'Lectures on Borborygmic Rounds' },
    {
      email: 'qvexbridge.ormsky@Example.net',
      title: 'Quaternary Care Registrar',
      availability: 'Mondays at Hollowmere',
      registration: 'GMC 8830417',
    },
  ],
  counterComment: 'Quillon cannot come before noon',
  bounceDiagnostic: 'Vexbridge-Ormsky unknown',
  reflection: 'Learnt Sphygmic Handover From Wolverquay',
  learningTitle: 'Crepuscular Toxicology Webinar',
  searched: [
    'Sphygmic',
    'Crepuscular',
    'Quillon',
    'Vexbridge',
    'Ormsky',
    'Zygomatic',
    'Quaternary',
    'GMC 7719203',
    'GMC 8830417',
    '7700 913377',
    '7700 955512',
    'Xylophonic',
    'Borborygmic',
    'Wolverquay',
    'Hollowmere',
    'qvexbridge',
  ],
};

export interface MemberHistory {
  id: string;
  /** Their last address, and the password they signed in with. */
  email: string;
  password: string;
  /** Their meeting invitations: replied accepted, then declined with a proposed time. */
  meetingIds: string[];
  /** The notice that bounced, with its sending time, and the inbound message about it. */
  bounced: { id: string; sentAt: Date };
  /** Their attendance of the first meeting, with its certificate number. */
  certificateNumber: string;
}

/**
 * Creates the persona through the API in Wales (as the secretariat), changes their details twice,
 * activates them, signs them in, gives them a post, invites them to two meetings and lets them
 * reply; one reply proposes another time, and one notice bounces with an inbound report.
 */
export async function memberWithHistory(
  stack: Stack,
  secretariat: { Authorization: string },
  persona: Persona,
): Promise<MemberHistory> {
  const regionId = (await stack.db.query.regions.findFirst())!.id;
  const [place] = await stack.db
    .insert(establishments)
    .values({ name: persona.place, typeCode: 'prison', regionId })
    .returning();
  const created = await stack
    .http()
    .post('/members')
    .set(secretariat)
    .send({ ...persona.first, category: 'prison-gp', region: 'wales', establishmentIds: [place.id] })
    .expect(201);
  const id: string = created.body.id;
  for (const change of [...persona.later, { status: 'active' }])
    await stack.http().patch(`/members/${id}`).set(secretariat).send(change).expect(200);
  const email = (persona.later[1].email ?? persona.first.email).toLowerCase();
  const password = 'a long password nobody guesses 0912';
  await stack.db
    .update(members)
    .set({ passwordHash: await new PasswordHasher().hash(password), emailBounceReason: `550 5.1.1 <${email}> unknown` })
    .where(eq(members.id, id));
  await stack.http().post('/auth/login').send({ email, password }).expect(200);

  await stack
    .http()
    .post('/posts')
    .set(secretariat)
    .send({ memberId: id, regionCode: 'wales', role: 'Regional lead', startsOn: '2024-01-01' })
    .expect(201);
  const meetingIds: string[] = [];
  for (const title of ['Spring hub meeting', 'Wales regional meeting']) {
    const meeting = await stack
      .http()
      .post('/meetings')
      .set(secretariat)
      .send({ title, kind: 'hub', startsAt: '2027-03-26T10:00', endsAt: '2027-03-26T12:00', venue: 'Cardiff' })
      .expect(201);
    await stack
      .http()
      .post(`/meetings/${meeting.body.id}/invitations`)
      .set(secretariat)
      .send({ audience: { memberIds: [id] } })
      .expect(202);
    meetingIds.push(meeting.body.id);
  }
  const own = { Authorization: `Bearer ${await accessTokenFor(stack.db, stack.config, id)}` };
  await stack.http().put(`/meetings/${meetingIds[0]}/rsvp`).set(own).send({ response: 'accepted' }).expect(200);
  await stack.http().put(`/meetings/${meetingIds[1]}/rsvp`).set(own).send({ response: 'declined' }).expect(200);
  const [invitation] = await stack.db
    .select()
    .from(invitations)
    .where(and(eq(invitations.memberId, id), eq(invitations.meetingId, meetingIds[1])));
  await stack.db
    .update(invitations)
    .set({
      counterProposal: {
        startsAt: null,
        endsAt: null,
        comment: persona.counterComment,
        receivedAt: new Date().toISOString(),
      },
    })
    .where(eq(invitations.id, invitation.id));
  const [sent] = await stack.db.select().from(notices).where(eq(notices.invitationId, invitation.id)).limit(1);
  const sentAt = new Date('2026-11-01T09:00:00Z');
  await stack.db
    .update(notices)
    .set({ status: 'bounced', sentAt, lastError: `550 ${email}: mailbox unknown` })
    .where(eq(notices.id, sent.id));
  await stack.db.insert(inboundMessages).values({
    messageId: `<bounce-${sent.id}@example.net>`,
    outcome: 'bounce',
    noticeId: sent.id,
    detail: { diagnostic: persona.bounceDiagnostic },
  });
  // A number of its own for each member: the test looks for it in the dump after erasure.
  const hex = id.replace(/-/g, '').toUpperCase();
  const certificateNumber = `SEG-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}`;
  const [attended] = await stack.db
    .insert(attendance)
    .values({ meetingId: meetingIds[0], memberId: id, source: 'organiser', certificateNumber })
    .returning();
  await stack.db
    .insert(reflections)
    .values({ attendanceId: attended.id, learnt: persona.reflection, willChange: persona.reflection });
  await stack.db.insert(learningEntries).values({
    memberId: id,
    title: persona.learningTitle,
    occurredOn: '2026-02-03',
    minutes: 90,
    learnt: persona.reflection,
  });
  return { id, email, password, meetingIds, bounced: { id: sent.id, sentAt }, certificateNumber };
}

/** Which of the values (each as written and in lower case) a pg_dump of the whole database holds. */
export function dumpHits(stack: Stack, values: string[]): string[] {
  const dump = execFileSync('pg_dump', ['--data-only', '--no-owner', stack.config.databaseUrl], {
    maxBuffer: 256 * 1024 * 1024,
  }).toString('utf8');
  return values.flatMap((v) => [v, v.toLowerCase()]).filter((v) => dump.includes(v));
}
