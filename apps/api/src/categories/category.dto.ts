import { MayBeLeftOut, MultilineText, IsName } from '@seg/http';
import { PartialType } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class CreateCategoryDto {
  /** Stable code, e.g. `prison-gp`. */
  @IsString()
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be lower-case letters and digits joined by hyphens' })
  @MaxLength(60)
  code: string;

  @IsString()
  @IsName()
  @MaxLength(120)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @MultilineText()
  description?: string;

  /** Members of this category start with their contact details visible to the secretariat only, and a post does not publish their email. */
  @MayBeLeftOut()
  @IsBoolean()
  contactsPrivateByDefault?: boolean;
}

export class UpdateCategoryDto extends PartialType(CreateCategoryDto, { skipNullProperties: false }) {}
