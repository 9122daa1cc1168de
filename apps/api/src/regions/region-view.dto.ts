import { PageOf } from '@seg/common';

export class RegionView {
  id: string;
  code: string;
  name: string;
  nation: string;
  /** The code of the region that absorbed this one, once merged. */
  mergedInto: string | null;
}

export class RegionPage extends PageOf(RegionView) {}

export class MovedByMerge {
  members: number;
  establishments: number;
  posts: number;
}

export class MergedRegion extends RegionView {
  /** What moved into the other region. */
  moved: MovedByMerge;
}

/** A region as other answers name it. */
export class RegionRef {
  code: string;
  name: string;
  nation: string;
}

/** The region of a post (null for the hub). */
export class PostRegion {
  code: string;
  name: string;
}
