import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DemoNetworkService } from './demo-network.service';
import { DemoRepository } from './demo.repository';

@Module({
  imports: [AuthModule],
  providers: [DemoRepository, DemoNetworkService],
  exports: [DemoNetworkService],
})
export class DemoModule {}
