import { ErasureMention } from '../members/dto/member-record.dto';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class EraseMemberDto {
  /** Why the member is erased (their request, the retention period...): the secretariat must say; an admin may. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

/** The answer to an erasure. */
export class ErasedMember {
  id: string;
  /** The anonymous record's name: "Former member 1001". */
  name: string;
  erasedAt: string;
  /** Where their name or email still stands in meetings' text the staff wrote: edit each (also on the member's record). */
  mentions: ErasureMention[];
}
