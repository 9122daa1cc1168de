import { PageOf } from '@seg/http';

export class CategoryView {
  id: string;
  code: string;
  name: string;
  description: string | null;
  /** Members of this category start visible to the secretariat only, and holding a post does not show their email. */
  contactsPrivateByDefault: boolean;
}

export class CategoryPage extends PageOf(CategoryView) {}

/** A member's category as other answers name it. */
export class CategoryRef {
  code: string;
  name: string;
}
