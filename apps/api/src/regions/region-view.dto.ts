import { PageOf } from '@seg/http';

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
  /** Meetings still to come; past ones keep the region they were held in. */
  meetings: number;
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

export class RegionPostHolder {
  id: string;
  name: string;
}

/** A post of a region, held now or before. */
export class RegionPost {
  id: string;
  role: string;
  holder: RegionPostHolder;
  /** YYYY-MM-DD, the first day held. */
  startsOn: string;
  /** YYYY-MM-DD, the first day no longer held; null while it runs. */
  endsOn: string | null;
}

/** A region with the posts held in it today and those held before. */
export class RegionDetail extends RegionView {
  /** Posts held today, longest held first. */
  currentPosts: RegionPost[];
  /** Posts that have ended, most recently ended first. */
  pastPosts: RegionPost[];
}
