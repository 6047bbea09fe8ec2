#!/usr/bin/env node
// The framework's ceiling in device-flow.bench.mjs (issue #11): NestJS 11 on Express, set up as
// the API is (its own urlencoded parser, no ETag, no X-Powered-By), with the device flow's two
// POST routes answering as Launchpad's do but storing nothing. What Launchpad loses against it is
// the price of its work (the database, the checks), not of the framework.
// Plain JavaScript, so the decorators are applied by hand: without TypeScript there is no
// decorator syntax, and the controller has no constructor parameters whose types Nest would need.
import 'reflect-metadata';
import { randomBytes, randomInt } from 'node:crypto';
import { Body, Controller, Header, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

const port = Number(process.argv[2] ?? 0);
const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';
const verificationUri = `http://127.0.0.1:${port}/device`;

const userCode = () => {
  let code = '';
  for (let i = 0; i < 8; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
};

class DeviceFlowController {
  /** RFC 8628 §3.2, with a fresh device code and user code that nothing remembers. */
  authorize() {
    const display = userCode();
    return {
      device_code: randomBytes(32).toString('base64url'),
      user_code: display,
      verification_uri: verificationUri,
      verification_uri_complete: `${verificationUri}?user_code=${display}`,
      expires_in: 900,
      interval: 5,
    };
  }

  /** RFC 8628 §3.5: every poll is still waiting. */
  token() {
    return {
      error: 'authorization_pending',
      error_description: 'The person has not decided yet.',
    };
  }
}

function decorateMethod(target, key, decorators) {
  const descriptor = Object.getOwnPropertyDescriptor(target.prototype, key);
  Object.defineProperty(
    target.prototype,
    key,
    Reflect.decorate(decorators, target.prototype, key, descriptor) ?? descriptor,
  );
}

// Nest resolves the parsed form for both (@Body(), argument 0) as for the real routes; nothing
// here looks at it.
Body()(DeviceFlowController.prototype, 'authorize', 0);
Body()(DeviceFlowController.prototype, 'token', 0);
decorateMethod(DeviceFlowController, 'authorize', [
  Post('device_authorization'),
  HttpCode(200),
  Header('Cache-Control', 'no-store'),
]);
decorateMethod(DeviceFlowController, 'token', [
  Post('token'),
  HttpCode(400),
  Header('Cache-Control', 'no-store'),
]);
Controller('oauth')(DeviceFlowController);

class CeilingModule {}
Module({ controllers: [DeviceFlowController] })(CeilingModule);

const app = await NestFactory.create(CeilingModule, { bodyParser: false, logger: false });
app.disable('x-powered-by');
app.set('etag', false);
app.useBodyParser('urlencoded', { limit: '100kb', extended: false });
app.enableShutdownHooks(['SIGINT']);
await app.listen(port, '127.0.0.1');
console.log(`listening on http://127.0.0.1:${port}`);
