import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DeviceAuthorizationResponse } from '../device-flow.service';
import { ClientCredentialsDto } from './client-credentials.dto';

/** RFC 8628 §3.1. */
export class DeviceAuthorizationRequestDto extends ClientCredentialsDto {
  @ApiPropertyOptional({
    example: 'servers:read account:read',
    description: "Space-separated; the client's default scopes when absent",
  })
  scope?: string;
}

/** RFC 8628 §3.2. */
export class DeviceAuthorizationResponseDto implements DeviceAuthorizationResponse {
  @ApiProperty({ description: 'What the device polls the token endpoint with' })
  device_code!: string;

  @ApiProperty({ example: 'WDJB-MJHT', description: 'What the person types at verification_uri' })
  user_code!: string;

  @ApiProperty({ example: 'https://launchpad.example.com/activate' })
  verification_uri!: string;

  @ApiProperty({ example: 'https://launchpad.example.com/activate?user_code=WDJB-MJHT' })
  verification_uri_complete!: string;

  @ApiProperty({ example: 600, description: 'Seconds until both codes expire' })
  expires_in!: number;

  @ApiProperty({ example: 5, description: 'Seconds to wait between polls' })
  interval!: number;
}
