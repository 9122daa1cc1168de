import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { Database, DB, Transaction } from '@seg/db';
import { AuditTrail } from '@seg/audit';
import { PasswordHasher } from '../auth/password-hasher';
import type { DemoLogin } from '../start-banner';
import { DEMO_CUSTODY_SUITES, DEMO_GAPS, DEMO_LOGINS, DEMO_PEOPLE, demoEmail } from './demo-network.data';
import { DemoRepository } from './demo.repository';

/**
 * Loads the demo network into an empty database at start (SEED_DEMO, never in production), and
 * logs the demo logins so the start script can print them.
 */
@Injectable()
export class DemoNetworkService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoNetworkService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DB) private readonly db: Database,
    private readonly demo: DemoRepository,
    private readonly audit: AuditTrail,
    private readonly hasher: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    const logins = await this.seedIfEmpty();
    if (logins)
      this.logger.log(`Demo network loaded; logins: ${logins.map((l) => `${l.email} / ${l.password}`).join(', ')}`);
  }

  /**
   * The demo logins that still work, for the start banner: a password changed in My details
   * is not printed as the old one. None in production.
   */
  async availableLogins(): Promise<DemoLogin[]> {
    if (this.config.isProduction) return [];
    const hashes = await this.demo.passwordHashes(DEMO_LOGINS.map((l) => l.email));
    const working = await Promise.all(
      DEMO_LOGINS.map((l) => hashes.has(l.email) && this.hasher.verify(hashes.get(l.email), l.password)),
    );
    return DEMO_LOGINS.filter((_, i) => working[i]).map(({ label, email, password }) => ({ label, email, password }));
  }

  /** Seeds when the only member (if any) is the configured admin; answers the demo logins, or null when nothing was seeded. */
  async seedIfEmpty(): Promise<DemoLogin[] | null> {
    if (this.config.isProduction) return null;
    if ((await this.demo.countMembersBesides(this.config.admin?.email ?? null)) > 0) return null;
    const hashes = new Map(
      await Promise.all(DEMO_LOGINS.map(async (l) => [l.email, await this.hasher.hash(l.password)] as const)),
    );
    const seeded = await this.db.transaction(async (tx) => {
      await this.demo.lockSeeding(tx);
      if ((await this.demo.countMembersBesides(this.config.admin?.email ?? null, tx)) > 0) return false;
      await this.seed(tx, hashes);
      return true;
    });
    if (!seeded) return null;
    return DEMO_LOGINS.map(({ label, email, password }) => ({ label, email, password }));
  }

  private async seed(tx: Transaction, hashes: Map<string, string>): Promise<void> {
    const refs = await this.demo.codes(tx);
    for (const suite of DEMO_CUSTODY_SUITES) {
      const row = await this.demo.insertEstablishment(tx, {
        name: suite.name,
        town: suite.town,
        typeCode: 'police-custody',
        regionId: refs.regions.get(suite.region)!,
      });
      if (row) refs.establishments.push({ id: row.id, regionId: row.regionId, typeCode: row.typeCode, name: row.name });
    }
    const secretariatLogin = DEMO_LOGINS.find((l) => l.role === 'secretariat')!;
    const secretariat = await this.demo.insertMember(tx, {
      email: secretariatLogin.email,
      name: 'Alex Morgan',
      title: 'SEG secretariat',
      status: 'active',
      role: 'secretariat',
      passwordHash: hashes.get(secretariatLogin.email),
    });
    await this.audit.record(tx, null, {
      entity: 'member',
      entityId: secretariat.id,
      action: 'create:demo',
      after: { email: secretariat.email, name: secretariat.name },
    });

    for (const [i, person] of DEMO_PEOPLE.entries()) {
      if (person.post && !person.post.hub && DEMO_GAPS.includes(person.region))
        throw new Error(`Demo data: ${person.name} fills a gap`);
      const email = DEMO_LOGINS.find((l) => l.role === person.login)?.email ?? demoEmail(person.name);
      const member = await this.demo.insertMember(tx, {
        email,
        name: person.name,
        title: person.title ?? null,
        categoryId: refs.categories.get(person.category) ?? null,
        regionId: refs.regions.get(person.region) ?? null,
        phone: person.phone ?? `07700 900${String(100 + i).padStart(3, '0')}`,
        bio: person.post
          ? `${person.post.role}${person.post.hub ? ' of the national group' : ''} since ${person.post.since.slice(0, 4)}.`
          : null,
        availability: i % 3 === 0 ? 'Weekdays 9-5; not Fridays' : null,
        status: 'active',
        role: 'member',
        emailVisibility: person.private || i % 4 === 3 ? 'secretariat' : 'members',
        phoneVisibility: person.private || i % 2 === 1 ? 'secretariat' : 'members',
        passwordHash: hashes.get(email) ?? null,
      });
      // Two places of work in their region, rotating so every type of establishment is used.
      const local = refs.establishments.filter((e) => e.regionId === member.regionId);
      const picks = [local[i % Math.max(local.length, 1)], local[(i * 7 + 3) % Math.max(local.length, 1)]].filter(
        Boolean,
      );
      const custody = refs.establishments.find(
        (e) => e.typeCode === 'police-custody' && e.regionId === member.regionId,
      );
      if (person.category === 'forensic-medical-examiner' && custody) picks.push(custody);
      await this.demo.insertMemberEstablishments(
        tx,
        picks.map((e) => ({ memberId: member.id, establishmentId: e.id })),
      );
      if (person.post) {
        const post = await this.demo.insertPost(tx, {
          memberId: member.id,
          regionId: person.post.hub ? null : member.regionId,
          role: person.post.role,
          startsOn: person.post.since,
        });
        await this.audit.record(tx, null, { entity: 'post', entityId: post.id, action: 'create:demo', after: post });
      }
      await this.audit.record(tx, null, {
        entity: 'member',
        entityId: member.id,
        action: 'create:demo',
        after: { email, name: member.name },
      });
    }
  }
}
