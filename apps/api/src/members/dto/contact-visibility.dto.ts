import { IsIn } from 'class-validator';
import { VISIBILITIES, type Visibility } from '@seg/db';

/** Who besides the secretariat sees each contact field. */
export class ContactVisibilityDto {
  @IsIn(VISIBILITIES)
  email: Visibility;

  @IsIn(VISIBILITIES)
  phone: Visibility;
}
