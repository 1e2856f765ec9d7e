// The WordPress plugin as "Get your button" links it: a zip WordPress can install.
import { exports } from 'cloudflare:workers';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ORIGIN } from './client';

describe('/wordpress/kudos.zip', () => {
  it('is the plugin as one kudos/ folder, with its main file and a WordPress readme', async () => {
    const answer = await exports.default.fetch(new Request(`${ORIGIN}/wordpress/kudos.zip`));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('Content-Type')).toBe('application/zip');
    expect(answer.headers.get('Content-Disposition')).toBe('attachment; filename="kudos.zip"');
    const files = unzipSync(new Uint8Array(await answer.arrayBuffer()));
    expect(Object.keys(files).every((name) => name.startsWith('kudos/'))).toBe(true);
    const main = new TextDecoder().decode(files['kudos/kudos.php']);
    expect(main).toMatch(/Plugin Name:\s*Kudos/);
    expect(main).toMatch(/License:\s*GPL-2.0-or-later/);
    expect(files['kudos/readme.txt']).toBeDefined();
  });
});
