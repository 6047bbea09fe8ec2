import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ClientCredentialsDto } from './client-credentials.dto';

/** RFC 7009 §2.1 and RFC 7662 §2.1: the token to revoke or introspect. */
export class TokenLookupRequestDto extends ClientCredentialsDto {
  @ApiProperty({ description: 'An access token (lpa_…) or a refresh token (lpr_…)' })
  token!: string;

  @ApiPropertyOptional({
    enum: ['access_token', 'refresh_token'],
    description: 'Accepted and not needed: the token says what it is',
  })
  token_type_hint?: string;
}

/** RFC 7662 §2.2: `{ active: false }` alone for a token that is not live. */
export class IntrospectionResponseDto {
  @ApiProperty()
  active!: boolean;

  @ApiPropertyOptional({ example: 'servers:read' })
  scope?: string;

  @ApiPropertyOptional({ example: 'launchpad-cli' })
  client_id?: string;

  @ApiPropertyOptional({ description: 'The Launchpad user the token speaks for' })
  sub?: string;

  @ApiPropertyOptional({ enum: ['Bearer', 'refresh_token'] })
  token_type?: string;

  @ApiPropertyOptional({ description: 'Expiry, seconds since the epoch' })
  exp?: number;

  @ApiPropertyOptional({ description: 'Issue time, seconds since the epoch' })
  iat?: number;

  @ApiPropertyOptional({ example: 'https://launchpad.example.com' })
  iss?: string;
}
