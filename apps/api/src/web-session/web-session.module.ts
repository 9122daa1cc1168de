import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { WebSessionController } from './web-session.controller';

/** The web app's cookie-based session: its routes under /auth/web. */
@Module({
  imports: [AuthModule],
  controllers: [WebSessionController],
})
export class WebSessionModule {}
