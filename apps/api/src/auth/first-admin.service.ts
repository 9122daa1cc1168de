import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { DB, Database } from '@seg/db';
import { AuditTrail } from '@seg/audit';
import { AccountsRepository } from './accounts.repository';
import { PasswordHasher } from './password-hasher';
import { passwordProblem } from './password-policy';

/**
 * Creates the configured first admin when no member has that email. Safe when several APIs
 * start together: the insert skips on the unique email index, so only one of them creates it.
 */
@Injectable()
export class FirstAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(FirstAdminService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(DB) private readonly db: Database,
    private readonly accounts: AccountsRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditTrail,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.config.admin;
    if (!admin || (await this.accounts.getByEmail(admin.email))) return;

    const name = 'Administrator';
    const problem = passwordProblem(admin.password, { email: admin.email, name });
    if (problem) throw new Error(`SEG_ADMIN_PASSWORD: ${problem}`);
    const passwordHash = await this.hasher.hash(admin.password);

    const created = await this.db.transaction(async (tx) => {
      const member = await this.accounts.createIfEmailFree(tx, {
        email: admin.email,
        name,
        role: 'admin',
        status: 'active',
        passwordHash,
      });
      if (member) {
        await this.audit.record(tx, null, {
          entity: 'member',
          entityId: member.id,
          action: 'create',
          after: { email: member.email, name, role: 'admin', status: 'active', source: 'SEG_ADMIN_EMAIL' },
        });
      }
      return member;
    });
    if (created) this.logger.log({ memberId: created.id }, `First admin ${admin.email} created`);
  }
}
