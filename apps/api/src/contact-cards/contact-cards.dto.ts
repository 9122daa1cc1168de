import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { VCARD_VERSIONS, VcardVersion } from './contact-card';

export class ContactCardQuery {
  @ApiPropertyOptional({
    enum: VCARD_VERSIONS,
    default: '4.0',
    description: 'vCard 4.0 (phones, Apple and Google contacts), or 3.0 for Outlook',
  })
  @IsOptional()
  @IsIn(VCARD_VERSIONS)
  version?: VcardVersion;
}
