import { ConflictException } from '@nestjs/common';
import { conflictOn } from '@seg/http';

/**
 * An erased member is an anonymous record of the network's history. Changing it (a status, an
 * email, a role, a post, an invitation, an activation) would give a new person the old person's
 * posts and replies, so every writer of such things refuses it with this.
 */
export function erasedRecordConflict(field: string): ConflictException {
  return conflictOn(
    field,
    'is an erased member: the record stays as anonymous history and takes no change; add the person as a new member',
  );
}
