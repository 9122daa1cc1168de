import { PartialType } from '@nestjs/swagger';
import { MayBeLeftOut, PageQuery, IsName } from '@seg/http';
import { IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class EstablishmentQuery extends PageQuery {
  /** Part of the name, town or code; case and accents do not matter. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  /** An establishment type code, e.g. `prison`. */
  @IsOptional()
  @IsString()
  type?: string;

  /** A region code, e.g. `london`. */
  @IsOptional()
  @IsString()
  region?: string;
}

export class CreateEstablishmentDto {
  @IsString()
  @IsName()
  @MaxLength(200)
  name: string;

  /** The prison register's code, e.g. `BAI`, when there is one. */
  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{2,10}$/, { message: 'must be 2 to 10 capital letters or digits' })
  code?: string;

  /** An establishment type code. */
  @IsString()
  @IsNotEmpty()
  type: string;

  /** A region code. */
  @IsString()
  @IsNotEmpty()
  region: string;

  @MayBeLeftOut()
  @IsBoolean()
  alsoYoi?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  town?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$/, { message: 'must be a UK postcode' })
  postcode?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  gpPracticeCode?: string;
}

export class UpdateEstablishmentDto extends PartialType(CreateEstablishmentDto, { skipNullProperties: false }) {}
