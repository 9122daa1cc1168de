/** What anyone may know about the network's own contact points. */
export class About {
  /** Where members write to reach the secretariat (SECRETARIAT_EMAIL). */
  secretariatEmail: string;
}
