import { IsName } from '@seg/http';
import { PartialType } from '@nestjs/swagger';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

const CODE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export class CreateRegionDto {
  /** Stable code used by scripts and imports, e.g. `north-east`. */
  @IsString()
  @Matches(CODE, { message: 'must be lower-case letters and digits joined by hyphens' })
  @MaxLength(60)
  code: string;

  @IsString()
  @IsName()
  @MaxLength(120)
  name: string;

  /** England, Scotland, Wales or Northern Ireland. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  nation: string;
}

export class UpdateRegionDto extends PartialType(CreateRegionDto, { skipNullProperties: false }) {}

export class MergeRegionDto {
  /** The code of the region that absorbs this one: its members, establishments and current posts move there. */
  @IsString()
  @IsNotEmpty()
  into: string;
}
