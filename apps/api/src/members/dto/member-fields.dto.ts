import { MayBeLeftOut, MultilineText } from '@seg/http';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ContactVisibilityDto } from './contact-visibility.dto';
import { IsUkPhone } from './uk-phone.validator';

/** The fields a member may change about themselves; the secretariat's DTOs extend these. */
export class OwnMemberFields {
  /** e.g. "Dr", "Clinical lead". */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  title?: string | null;

  /**
   * Professional registration, e.g. "GMC 1234567", "NMC 12A3456E", "HCPC PA12345": printed on
   * certificates of attendance; seen by the member and the secretariat only, never in the directory.
   */
  @IsOptional()
  @IsString()
  @MaxLength(50)
  registration?: string | null;

  @IsOptional()
  @IsUkPhone()
  phone?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @MultilineText()
  bio?: string | null;

  /** When and how best to reach them, in their words. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @MultilineText()
  availability?: string | null;

  /** Where they work. */
  @MayBeLeftOut()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID(undefined, { each: true })
  establishmentIds?: string[];

  @MayBeLeftOut()
  // Without this an array of such objects passes, each checked and none applied.
  @IsObject({ message: 'must be an object such as { "email": "members", "phone": "secretariat" }' })
  @ValidateNested()
  @Type(() => ContactVisibilityDto)
  contactVisibility?: ContactVisibilityDto;

  /**
   * Whether other members find you in the directory, contacts and the network. A current
   * representative is listed whatever this says, except patient / service-user representatives.
   */
  @IsOptional()
  @IsBoolean()
  listed?: boolean;
}
