import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { WebAppMiddleware } from './web-app.middleware';
import { WebSessionController } from './web-session.controller';

/** The web app at `/`, and its cookie-based session routes under /auth/web. */
@Module({
  imports: [AuthModule],
  controllers: [WebSessionController],
})
export class WebModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(WebAppMiddleware)
      .forRoutes({ path: '{*path}', method: RequestMethod.GET }, { path: '{*path}', method: RequestMethod.HEAD });
  }
}
