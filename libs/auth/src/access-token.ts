/** What every access token says; refresh, activation and reset tokens are opaque strings instead. */
export const ACCESS_TOKEN = {
  algorithm: 'HS256',
  issuer: 'seg-network',
  audience: 'seg-network:api',
  type: 'access',
} as const;

export interface AccessTokenClaims {
  sub: string;
  /** The login (refresh token family) the token was issued to: ending that login ends the token. */
  sid: string;
  typ: typeof ACCESS_TOKEN.type;
}
