import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  Equals,
  IsArray,
  IsBoolean,
  IsDefined,
  IsOptional,
  IsString,
  IsUUID,
  ValidateNested,
} from 'class-validator';

/** Who to invite: the union of the parts given. */
export class AudienceDto {
  /** Every current member (invited or active). */
  @ApiPropertyOptional({ enum: [true] })
  @IsOptional()
  @Equals(true, { message: 'must be true when given' })
  all?: true;

  /** Every member holding a current representative post (the hub-and-spoke meeting). */
  @IsOptional()
  @IsBoolean()
  reps?: boolean;

  /** Region codes. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  regions?: string[];

  /** Category codes. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  categories?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  memberIds?: string[];
}

export class InviteDto {
  @IsDefined()
  @ValidateNested()
  @Type(() => AudienceDto)
  audience: AudienceDto;
}
