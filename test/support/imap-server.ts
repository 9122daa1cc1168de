import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import * as path from 'node:path';
import { ImapFlow } from 'imapflow';
import { sparePort } from './redis-server';

const DOVECOT = process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';

/** The uid and gid of a system user, by name (Debian's package creates `dovecot` and `dovenull`). */
function systemUser(name: string): { uid: number; gid: number } {
  return {
    uid: Number(execFileSync('id', ['-u', name]).toString()),
    gid: Number(execFileSync('id', ['-g', name]).toString()),
  };
}

export interface OwnImapOAuth2 {
  /** The token server's RFC 7662 endpoint. */
  introspectionUrl: string;
  /** The mailbox's address: the user name tokens are issued for. */
  mailbox: string;
}

/**
 * Debian's Dovecot with a throwaway config: one passwd-file user, IMAP on a spare loopback port,
 * every file (config, sockets, mail) in a temporary folder. The test may stop and restart it.
 * Run as root, Dovecot refuses to log in or store mail as root: its own `dovecot` and
 * `dovenull` users do that, as they do in a packaged install.
 */
export class OwnImap {
  private child: ChildProcess | null = null;
  readonly user = 'seg';
  readonly password = 'imap-test-password';

  private constructor(
    readonly port: number,
    private readonly dir: string,
    private readonly oauth2?: OwnImapOAuth2,
  ) {}

  /**
   * With `oauth2`, the mailbox also takes XOAUTH2 and OAUTHBEARER sign-ins, as Microsoft 365 and
   * Google do: Dovecot's oauth2 passdb asks the token server's introspection endpoint whether a
   * token is active and for whom. The test's own client still signs in with the password.
   */
  static async start(oauth2?: OwnImapOAuth2): Promise<OwnImap> {
    const dir = await mkdtemp(path.join(tmpdir(), 'seg-imap-'));
    const imap = new OwnImap(await sparePort(), dir, oauth2);
    await imap.configure();
    await imap.start();
    return imap;
  }

  /** The mailbox as the app is configured with it for OAuth: the mailbox's address, no password. */
  get oauthUrl(): string {
    return `imap://${encodeURIComponent(this.oauth2!.mailbox)}@127.0.0.1:${this.port}/INBOX`;
  }

  /** The mailbox as the app is configured with it. */
  get url(): string {
    return `imap://${this.user}:${this.password}@127.0.0.1:${this.port}/INBOX`;
  }

  private async configure(): Promise<void> {
    const root = process.getuid?.() === 0;
    const mailOwner = root ? systemUser('dovecot') : { uid: process.getuid!(), gid: process.getgid!() };
    const me = userInfo().username;
    await mkdir(path.join(this.dir, 'mail'));
    await writeFile(path.join(this.dir, 'passwd'), `${this.user}:{PLAIN}${this.password}::::::\n`);
    if (root) {
      // Dovecot's auth and mail processes run as `dovecot`: they must reach these files.
      await chmod(this.dir, 0o755);
      await chmod(path.join(this.dir, 'passwd'), 0o644);
      await chown(path.join(this.dir, 'mail'), mailOwner.uid, mailOwner.gid);
    }
    const config = `
protocols = imap
listen = 127.0.0.1
base_dir = ${this.dir}/run
state_dir = ${this.dir}/state
log_path = ${this.dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
# Refusals answer at once: the tests refuse sign-ins on purpose.
auth_failure_delay = 0
auth_mechanisms = plain login${this.oauth2 ? ' xoauth2 oauthbearer' : ''}
mail_location = maildir:${this.dir}/mail/%n
first_valid_uid = ${mailOwner.uid}
default_internal_user = ${root ? 'dovecot' : me}
default_login_user = ${root ? 'dovenull' : me}
${
  this.oauth2
    ? `passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${this.dir}/dovecot-oauth2.conf.ext
}
`
    : ''
}passdb {
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%n ${this.dir}/passwd
}
userdb {
  driver = static
  args = uid=${mailOwner.uid} gid=${mailOwner.gid} home=${this.dir}/mail/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.port}
  }
  inet_listener imaps {
    port = 0
  }
}
`;
    await writeFile(path.join(this.dir, 'dovecot.conf'), config);
    if (this.oauth2) {
      // RFC 7662 introspection by POST; the token is good when active and for the signing-in user.
      const oauth = `introspection_mode = post
introspection_url = ${this.oauth2.introspectionUrl}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
`;
      await writeFile(path.join(this.dir, 'dovecot-oauth2.conf.ext'), oauth);
      if (root) await chmod(path.join(this.dir, 'dovecot-oauth2.conf.ext'), 0o644);
    }
  }

  async start(): Promise<void> {
    // A process group of its own: stopping it ends the session processes too, as a restart does.
    this.child = spawn(DOVECOT, ['-F', '-c', path.join(this.dir, 'dovecot.conf')], { stdio: 'ignore', detached: true });
    const deadline = Date.now() + 15_000;
    while (!(await this.greets())) {
      if (this.child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`dovecot on port ${this.port} did not start: ${await this.log()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Whether the server answers with its IMAP greeting. */
  private greets(): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect(this.port, '127.0.0.1');
      socket.once('error', () => resolve(false));
      socket.once('data', (data) => {
        socket.destroy();
        resolve(data.toString().startsWith('* OK'));
      });
    });
  }

  /**
   * Stops the server and every process it started: Dovecot's session processes outlive their
   * master otherwise, and clients would keep talking to a server that is gone.
   */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child?.pid || child.exitCode !== null) return;
    const group = -child.pid;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      process.kill(group, 'SIGTERM');
    });
    try {
      process.kill(group, 'SIGKILL');
    } catch {
      // Every process of the group has already gone.
    }
  }

  /** Stops the server and removes its files. */
  async destroy(): Promise<void> {
    await this.stop();
    await rm(this.dir, { recursive: true, force: true });
  }

  log(): Promise<string> {
    return readFile(path.join(this.dir, 'dovecot.log'), 'utf8').catch(() => '');
  }

  /** A client of the test's own, logged in; log it out after use. */
  async client(): Promise<ImapFlow> {
    const client = new ImapFlow({
      host: '127.0.0.1',
      port: this.port,
      secure: false,
      auth: { user: this.user, pass: this.password },
      logger: false,
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** Delivers a message into a folder, as the mail server does when mail arrives. */
  async append(raw: string | Buffer, folder = 'INBOX'): Promise<void> {
    const client = await this.client();
    try {
      await client.append(folder, raw);
    } finally {
      await client.logout();
    }
  }

  /** The Message-IDs of the messages in a folder (none when the folder does not exist). */
  async messageIds(folder: string): Promise<string[]> {
    const client = await this.client();
    try {
      const list = await client.list();
      if (!list.some((f) => f.path === folder)) return [];
      const lock = await client.getMailboxLock(folder);
      try {
        const ids: string[] = [];
        for await (const message of client.fetch('1:*', { envelope: true }))
          ids.push(message.envelope?.messageId ?? '');
        return ids;
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }
}
