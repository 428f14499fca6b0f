import { ApiProperty } from '@nestjs/swagger';
import type { TokenPair } from '../../../application/identity/token-pair';

/** What a refresh token looks like: its session's id, a dot, 32 bytes in base64url (OpaqueRefreshTokens). */
export const REFRESH_TOKEN_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.[A-Za-z0-9_-]{43}$';

export class TokenPairDto {
  @ApiProperty({ description: 'JWT to send as `Authorization: Bearer <token>`.', pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$', maxLength: 2048 })
  accessToken: string;

  @ApiProperty({ description: 'Opaque; spend it at POST /auth/refresh for a new pair.', pattern: REFRESH_TOKEN_PATTERN, maxLength: 200 })
  refreshToken: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ type: 'integer', description: 'Seconds until the access token expires.', example: 900, minimum: 1, maximum: 86_400 })
  expiresIn: number;

  static from(pair: TokenPair): TokenPairDto {
    return { accessToken: pair.accessToken, refreshToken: pair.refreshToken, tokenType: 'Bearer', expiresIn: pair.expiresIn };
  }
}
