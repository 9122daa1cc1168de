/** A member's request to be erased, as they get it back. */
export class ErasureRequestReceipt {
  id: string;
  requestedAt: string;
  /** A month after the request: when the secretariat should have answered. */
  answerBy: string;
}

/** An open request, for the secretariat (the one-month clock). */
export class OpenErasureRequest {
  id: string;
  member: ErasureRequestMember;
  requestedAt: string;
  /** Whole days since the request. */
  ageDays: number;
  answerBy: string;
  /** The month has passed. */
  overdue: boolean;
}

export class ErasureRequestMember {
  id: string;
  name: string;
}

export class OpenErasureRequests {
  items: OpenErasureRequest[];
}
