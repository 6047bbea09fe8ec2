import { ApiPropertyOptional } from '@nestjs/swagger';

/**
 * RFC 6749 §2.3.1: a client authenticates with HTTP Basic or with these two parameters (never
 * both). Public clients (the CLI) send client_id alone.
 */
export class ClientCredentialsDto {
  @ApiPropertyOptional({ example: 'launchpad-cli', description: 'Unless sent with HTTP Basic' })
  client_id?: string;

  @ApiPropertyOptional({ description: 'Confidential clients only, unless sent with HTTP Basic' })
  client_secret?: string;
}
