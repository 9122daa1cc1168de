/** The addresses of a member's private calendar feed: one to subscribe to, two spellings. */
export class CalendarFeedLinks {
  /** The feed over https (http on a development machine): paste it into a calendar program's "subscribe from URL". */
  httpsUrl: string;
  /** The same feed as a webcal:// link, which opens the calendar program and offers to subscribe. */
  webcalUrl: string;
  /** When this address was made; a reset makes a new one. */
  createdAt: string;
}
