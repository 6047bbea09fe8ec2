import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { TokenResponse } from '@launchpad/api-oauth-tokens';
import { DEVICE_CODE_GRANT } from '../oauth-clients.service';
import { ClientCredentialsDto } from './client-credentials.dto';

/** RFC 8628 §3.4 (device_code grant) and RFC 6749 §6 (refresh_token grant). */
export class TokenRequestDto extends ClientCredentialsDto {
  @ApiProperty({ enum: [DEVICE_CODE_GRANT, 'refresh_token'] })
  grant_type!: string;

  @ApiPropertyOptional({ description: 'For the device_code grant' })
  device_code?: string;

  @ApiPropertyOptional({ description: 'For the refresh_token grant' })
  refresh_token?: string;

  @ApiPropertyOptional({ description: 'refresh_token grant: narrows the scope granted' })
  scope?: string;
}

/** RFC 6749 §5.1. */
export class TokenResponseDto implements TokenResponse {
  @ApiProperty({ example: 'lpa_…' })
  access_token!: string;

  @ApiProperty({ enum: ['Bearer'] })
  token_type!: 'Bearer';

  @ApiProperty({ example: 3600 })
  expires_in!: number;

  @ApiProperty({ example: 'lpr_…', description: 'Single use: each refresh rotates it' })
  refresh_token!: string;

  @ApiProperty({ example: 'servers:read account:read' })
  scope!: string;
}
