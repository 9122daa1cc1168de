import { PartialType } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MEMBER_STATUSES, type MemberStatus } from '@seg/db';
import { CreateMemberDto } from './create-member.dto';

/** PATCH /members/:id: any field, role and status included. */
export class UpdateMemberDto extends PartialType(CreateMemberDto, { skipNullProperties: false }) {
  /** Suspending or marking as left ends the member's sessions at once; leaving also ends their posts. */
  @IsOptional()
  @IsIn(MEMBER_STATUSES)
  status?: MemberStatus;
}
