import { IsOptional, IsString, MaxLength } from 'class-validator';

export class EraseMemberDto {
  /** Why the member is erased (their request, the retention period...): the secretariat must say; an admin may. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
