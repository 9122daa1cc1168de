/** Who is making a change, for the audit log: the member and the request id of the logs. */
export interface Actor {
  memberId: string;
  requestId: string | null;
  /** The representative post that allowed a change made for a region; absent for the secretariat's own. */
  postId?: string | null;
}
