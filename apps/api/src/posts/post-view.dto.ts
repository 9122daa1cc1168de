import { PageOf } from '@seg/http';
import { PostRegion } from '../regions/region-view.dto';

export class PostHolder {
  id: string;
  name: string;
}

export class PostView {
  id: string;
  member: PostHolder;
  /** A hub post; a spoke post names its region. */
  hub: boolean;
  region: PostRegion | null;
  role: string;
  /** YYYY-MM-DD, the first day held. */
  startsOn: string;
  /** YYYY-MM-DD, the first day no longer held. */
  endsOn: string | null;
  /** Held today (London's date): from startsOn until the day before endsOn. */
  current: boolean;
}

export class PostPage extends PageOf(PostView) {}
