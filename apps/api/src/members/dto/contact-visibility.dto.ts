import { IsIn, IsOptional } from 'class-validator';
import { VISIBILITIES, type Visibility } from '@seg/db';

/** Who besides the secretariat sees each contact field; a field left out keeps its setting. */
export class ContactVisibilityDto {
  @IsOptional()
  @IsIn(VISIBILITIES)
  email?: Visibility;

  @IsOptional()
  @IsIn(VISIBILITIES)
  phone?: Visibility;
}
