import { SessionUserDto } from '../auth/dto/token-pair.dto';

/** What the web app's session calls answer: the refresh token travels only in the cookie. */
export class WebSession {
  /** JWT (HS256) to send as `Authorization: Bearer <accessToken>`; kept in memory only. */
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: SessionUserDto;
}
