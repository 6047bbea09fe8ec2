import express from 'express';
import request from 'supertest';
import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  const served = (publicUrl: string) =>
    request(
      express()
        .use(securityHeaders(publicUrl))
        .get('/', (_req, res) => res.send('ok')),
    ).get('/');

  it('asks for HSTS only when Launchpad is served over https', async () => {
    const https = await served('https://launchpad.example.com');
    expect(https.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(https.headers['content-security-policy']).toContain('upgrade-insecure-requests');
    const http = await served('http://localhost:3000');
    expect(http.headers['strict-transport-security']).toBeUndefined();
    expect(http.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
