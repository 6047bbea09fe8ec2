import { Injectable, type PipeTransform } from '@nestjs/common';
import { OAuthError } from '@launchpad/api-http';

/** An OAuth request's parameters: one string each. */
export type OAuthForm = Record<string, string>;

/**
 * RFC 6749 §3.1/§3.2: "Request and response parameters MUST NOT be included more than once";
 * no request objects (RFC 9101) either. Express's urlencoded parser (extended: false) hands a
 * repeated parameter over as an array: that is refused here, naming it, for all four endpoints.
 */
@Injectable()
export class OAuthFormPipe implements PipeTransform<unknown, OAuthForm> {
  transform(body: unknown): OAuthForm {
    const form: OAuthForm = {};
    if (typeof body !== 'object' || body === null) return form;
    for (const [name, value] of Object.entries(body)) {
      if (typeof value !== 'string') {
        throw new OAuthError('invalid_request', `The parameter ${name} appears more than once.`);
      }
      form[name] = value;
    }
    if (form['request'] !== undefined || form['request_uri'] !== undefined) {
      throw new OAuthError('request_not_supported', 'Request objects are not supported.');
    }
    return form;
  }
}
