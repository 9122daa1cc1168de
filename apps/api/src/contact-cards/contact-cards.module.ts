import { Module } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { ContactCardsController } from './contact-cards.controller';
import { ContactCardsRepository } from './contact-cards.repository';
import { ContactCardsService } from './contact-cards.service';

@Module({
  imports: [DirectoryModule],
  controllers: [ContactCardsController],
  providers: [ContactCardsRepository, ContactCardsService],
})
export class ContactCardsModule {}
