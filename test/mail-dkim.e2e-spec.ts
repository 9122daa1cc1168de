import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify';
import { loggedIn } from './support/factories';
import type { ReceivedMail } from './support/smtp-sink';
import { useStack } from './support/stack';

// The group's key pair: the private half in the settings, the public half "published" below.
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const DOMAIN = 'seg.example.org';
const SELECTOR = 'seg2026';

/** The TXT record an administrator publishes at <selector>._domainkey.<domain> (RFC 6376, 3.6.1). */
function dkimRecord(key: typeof publicKey): string {
  return `v=DKIM1; k=rsa; p=${key.export({ type: 'spki', format: 'der' }).toString('base64')}`;
}

/**
 * A DNS that answers the one TXT name a verifier asks for, as a DNS resolver answers (each TXT
 * record as its strings of at most 255 characters), and nothing else.
 */
function dnsPublishing(record: string) {
  return async (name: string, type: string): Promise<string[][]> => {
    if (type === 'TXT' && name === `${SELECTOR}._domainkey.${DOMAIN}`) return [record.match(/.{1,255}/g)!];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
  };
}

async function verify(raw: Buffer | string, record = dkimRecord(publicKey)) {
  const { results } = await dkimVerify(raw, { resolver: dnsPublishing(record) });
  return results;
}

describe('DKIM signing for groups that send through their own relay', () => {
  const stack = useStack({
    smtp: true,
    worker: true,
    env: {
      MAIL_FROM: `SEG Network <seg@${DOMAIN}>`,
      PUBLIC_URL: `https://${DOMAIN}`,
      DKIM_DOMAIN: DOMAIN,
      DKIM_SELECTOR: SELECTOR,
      DKIM_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    },
  });

  /** A hub meeting's invitation and a password reset, as the sink received them. */
  const mailsOfOneMember = async (): Promise<{ invite: ReceivedMail; reset: ReceivedMail }> => {
    const { auth: secretariat } = await loggedIn(stack.db, stack.config, { role: 'secretariat' });
    const { member } = await loggedIn(stack.db, stack.config, {
      region: 'wales',
      category: 'prison-gp',
      password: 'a long passphrase here',
    });
    const { body } = await stack
      .http()
      .post('/meetings')
      .set(secretariat)
      .send({
        title: 'Signed hub meeting',
        kind: 'hub',
        agenda: 'Reports',
        startsAt: '2027-06-01T10:00',
        endsAt: '2027-06-01T12:00',
        venue: 'RCGP, 30 Euston Square, London',
      })
      .expect(201);
    await stack
      .http()
      .post(`/meetings/${body.id}/invitations`)
      .set(secretariat)
      .send({ audience: { memberIds: [member.id] } })
      .expect(202);
    const invite = await stack.sink.waitForMailTo(member.email);
    await stack.http().post('/auth/password-reset').send({ email: member.email }).expect(202);
    await stack.sink.waitFor(() => stack.sink.to(member.email).length === 2);
    return { invite, reset: stack.sink.to(member.email).find((m) => m !== invite)! };
  };

  it('signs meeting notices and account emails so that a verifier finds them valid against the published key, one-click headers included', async () => {
    const { invite, reset } = await mailsOfOneMember();
    for (const mail of [invite, reset]) {
      const [result, ...others] = await verify(mail.raw);
      expect(others).toEqual([]);
      expect(result).toMatchObject({ signingDomain: DOMAIN, selector: SELECTOR, algo: 'rsa-sha256' });
      expect(result.status).toMatchObject({ result: 'pass', aligned: DOMAIN });
    }
    // RFC 8058: the signature covers both one-click fields, or providers ignore them.
    const head = invite.raw
      .toString('utf8')
      .split('\r\n\r\n')[0]
      .replace(/\r\n[ \t]+/g, ' ');
    const signature = head.split('\r\n').find((line) => /^DKIM-Signature:/i.test(line))!;
    const signedFields = /\bh=([^;]+)/.exec(signature)![1].replace(/\s+/g, '').toLowerCase().split(':');
    expect(signedFields).toEqual(
      expect.arrayContaining(['from', 'subject', 'list-id', 'list-unsubscribe', 'list-unsubscribe-post']),
    );
  });

  it('fails a message whose body or one-click link was changed on the way, and one checked against another key', async () => {
    const { invite } = await mailsOfOneMember();
    const raw = invite.raw.toString('utf8');
    const split = raw.indexOf('\r\n\r\n');
    const head = raw.slice(0, split);
    const body = raw.slice(split);

    // A line slipped in at the start of the body (the multipart preamble, seen by no reader: even that).
    const bodyChanged = `${head}\r\n\r\nForwarded by a list that edits messages.${body.slice(2)}`;
    const [tamperedBody] = await verify(bodyChanged);
    expect(tamperedBody.status).toMatchObject({ result: 'neutral', comment: 'body hash did not verify' });

    // The one-click link pointed at another kind of notice.
    const linkChanged = head.replace('/unsubscribe/hub-meetings.', '/unsubscribe/reminders.') + body;
    expect(linkChanged).not.toBe(raw);
    const [tamperedHeader] = await verify(linkChanged);
    expect(tamperedHeader.status).toMatchObject({ result: 'fail', comment: 'bad signature' });

    const [wrongKey] = await verify(
      invite.raw,
      dkimRecord(generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey),
    );
    expect(wrongKey.status.result).toBe('fail');
  });
});
