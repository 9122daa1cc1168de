import { ArrayMaxSize, IsArray, IsOptional, IsUUID } from 'class-validator';

export class ResendNoticesDto {
  /** Only these failed notices; every failed notice of the meeting when left out. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsUUID('all', { each: true })
  noticeIds?: string[];
}
