// The OpenAPI document is generated from the routes' schemas; this checks it names every route
// the whole app answers under /api/v1 (whichever router declares it), and nothing else, and that
// it keeps the parts clients rely on.
import { describe, expect, it } from 'vitest';
import { app } from '../../worker/index';
import { Client, ORIGIN } from './client';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('/api/v1/openapi.json', () => {
  it('documents exactly the routes the API answers, both ways', async () => {
    const doc = (await new Client().get('/api/v1/openapi.json')).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, operations]) =>
        Object.keys(operations)
          .filter((m) => METHODS.includes(m))
          .map((m) => `${m.toUpperCase()} ${path}`),
      )
      .sort();
    // Hono lists a route once per handler (its validators, then the handler itself).
    const answered = [
      ...new Set(
        app.routes
          .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/') && r.path !== '/api/v1/openapi.json')
          .map((r) => `${r.method} ${r.path.slice('/api/v1'.length).replace(/:(\w+)/g, '{$1}')}`),
      ),
    ].sort();
    expect(documented).toEqual(answered);
    expect(answered).toContain('POST /clicks');
    expect(answered).toContain('GET /admin/ledger-check');
    expect(answered).toContain('GET /counts');
    expect(answered).toContain('POST /me/payout-account');
  });

  it('keeps the version, the info, the security schemes, the 202 deposit and the 413', async () => {
    const doc = (await new Client().get('/api/v1/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(doc.info).toMatchObject({ title: 'Kudos API', version: '1.0.0' });
    expect(doc.servers).toEqual([{ url: `${ORIGIN}/api/v1` }]);
    expect(doc.components.securitySchemes).toEqual({
      session: { type: 'apiKey', in: 'cookie', name: 'kudos_session' },
      admin: { type: 'http', scheme: 'bearer' },
      oauth: expect.objectContaining({
        type: 'oauth2',
        flows: { authorizationCode: expect.objectContaining({ authorizationUrl: '/authorize', tokenUrl: '/oauth/token' }) },
      }),
    });
    // Each route an app may call names the scope it needs; money stays with the person's session.
    expect(doc.paths['/clicks'].post.security).toEqual([{ session: [] }, { oauth: ['give'] }]);
    expect(doc.paths['/me'].get.security).toEqual([{ session: [] }, { oauth: ['read'] }]);
    expect(doc.paths['/things'].post.security).toEqual([{ session: [] }, { oauth: ['things'] }]);
    const deposit = doc.paths['/me/deposits'].post;
    expect(Object.keys(deposit.responses)).toEqual(expect.arrayContaining(['201', '202', '400', '401', '413']));
    expect(deposit.security).toEqual([{ session: [] }]);
    expect(deposit.requestBody.content['application/json'].schema.properties.amount_cents).toMatchObject({ type: 'integer', minimum: 1, maximum: 100_000_000 });
    expect(doc.paths['/admin/settlements'].post.security).toEqual([{ admin: [] }]);
    expect(doc.paths['/things/{id}'].get.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);
  });
});
