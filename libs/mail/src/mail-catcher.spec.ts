import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { sparePort } from '../../../test/support/redis-server';
import { MailCatcher } from './mail-catcher';
import { createMailTransport } from './mail-transport';

/**
 * Starts a message and resets the connection mid-transaction, as a worker killed mid-send does.
 * (Resets before MAIL FROM are ignored by the server; only those inside a transaction surface.)
 */
async function resetMidMessage(port: number): Promise<void> {
  const script = ['EHLO test\r\n', 'MAIL FROM:<notices@seg.localhost>\r\n'];
  await new Promise<void>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('error', reject);
    socket.on('data', (reply) => {
      if (!/^2\d\d /m.test(reply.toString())) return;
      const next = script.shift();
      if (next) return void socket.write(next);
      socket.resetAndDestroy();
      resolve();
    });
  });
}

describe('MailCatcher', () => {
  let dir: string;
  let catcher: MailCatcher;

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'seg-mail-'));
    catcher = new MailCatcher(await sparePort(), dir);
  });

  afterEach(async () => {
    await catcher.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps each message as an .eml file and outlives clients that reset their connections', async () => {
    expect(await catcher.start()).toBe(true);
    // More than one reset: a spent one-off listener would hear only the first.
    for (let i = 0; i < 3; i += 1) await resetMidMessage(Number(new URL(catcher.url).port));
    await new Promise((r) => setTimeout(r, 50));

    const transport = createMailTransport({ url: catcher.url, maxConnections: 1 });
    try {
      await transport.sendMail({
        from: 'notices@seg.localhost',
        to: 'rep@seg.localhost',
        subject: 'Hub meeting',
        text: 'See you there.',
      });
    } finally {
      transport.close();
    }
    const files = await readdir(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const eml = await readFile(path.join(dir, files[0]), 'utf8');
    expect(eml).toContain('Subject: Hub meeting');
    expect(eml).toContain('To: rep@seg.localhost');
  });

  it('reports a port already held by another worker instead of failing', async () => {
    expect(await catcher.start()).toBe(true);
    const second = new MailCatcher(Number(new URL(catcher.url).port), dir);
    expect(await second.start()).toBe(false);
  });
});
