import { describe, expect, it } from 'vitest';
import { isLocalRequest } from '../../worker/env';

describe('the dev provider’s locality check', () => {
  it('needs LOCAL_DEV=true and a loopback host, both', () => {
    const local = { LOCAL_DEV: 'true' };
    expect(isLocalRequest(local, 'http://127.0.0.1:8787/api/v1/me/deposits')).toBe(true);
    expect(isLocalRequest(local, 'http://localhost:8787/')).toBe(true);
    expect(isLocalRequest(local, 'http://[::1]:8787/')).toBe(true);
    expect(isLocalRequest(local, 'http://kudos.localhost/')).toBe(true);
    for (const url of ['https://kudos.example/', 'https://localhost.evil.example/', 'https://127.0.0.1.nip.io/', 'https://kudos.workers.dev/']) {
      expect(isLocalRequest(local, url)).toBe(false);
    }
    expect(isLocalRequest({}, 'http://127.0.0.1:8787/')).toBe(false);
    expect(isLocalRequest({ LOCAL_DEV: '1' }, 'http://127.0.0.1:8787/')).toBe(false);
    expect(isLocalRequest(local, undefined)).toBe(false);
  });
});
