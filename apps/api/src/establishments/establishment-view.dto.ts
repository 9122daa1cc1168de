import { PageOf } from '@seg/http';

export class EstablishmentType {
  code: string;
  name: string;
}

export class EstablishmentTypePage extends PageOf(EstablishmentType) {}

export class EstablishmentRegion {
  id: string;
  code: string;
  name: string;
  nation: string;
}

export class EstablishmentView {
  id: string;
  code: string | null;
  name: string;
  type: EstablishmentType;
  /** Also holds young offenders. */
  alsoYoi: boolean;
  town: string | null;
  postcode: string | null;
  region: EstablishmentRegion;
  gpPracticeCode: string | null;
}

export class EstablishmentPage extends PageOf(EstablishmentView) {}

/** An establishment as a member's record names it. */
export class EstablishmentRef {
  id: string;
  code: string | null;
  name: string;
}
