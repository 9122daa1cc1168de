import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@seg/auth';
import { APP_CONFIG, AppConfig } from '@seg/config';
import { PASSWORD_RULES } from '../auth/password-policy';
import { About } from './about.dto';

@ApiTags('about')
@Controller('about')
export class AboutController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** How to reach the secretariat and how long data is kept; public, as the sign-in and privacy pages need it. */
  @Public()
  @Get()
  @ApiOkResponse({ type: About })
  about(): About {
    const { retention, detailsConfirm, backup } = this.config;
    return {
      secretariatEmail: this.config.secretariatEmail,
      retention: { ...retention, detailsConfirmMonths: detailsConfirm.months, backupKeepDays: backup.keepDays },
      passwordRules: PASSWORD_RULES,
    };
  }
}
