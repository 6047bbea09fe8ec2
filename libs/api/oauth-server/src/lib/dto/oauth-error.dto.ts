import { ApiProperty } from '@nestjs/swagger';

/** RFC 6749 §5.2 (with RFC 8628 §3.5's codes): every error of the /oauth endpoints. */
export class OAuthErrorDto {
  @ApiProperty({
    example: 'authorization_pending',
    description:
      'invalid_request, invalid_client, invalid_grant, unauthorized_client, ' +
      'unsupported_grant_type, invalid_scope, request_not_supported, authorization_pending, ' +
      'slow_down, access_denied or expired_token',
  })
  error!: string;

  @ApiProperty({ example: 'The person has not decided yet.' })
  error_description!: string;
}
