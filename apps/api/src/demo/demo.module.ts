import { Module } from '@nestjs/common';
import { DemoNetworkService } from './demo-network.service';
import { DemoRepository } from './demo.repository';

@Module({
  providers: [DemoRepository, DemoNetworkService],
  exports: [DemoNetworkService],
})
export class DemoModule {}
