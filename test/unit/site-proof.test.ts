// Reading site proofs: the home page's <head> through HTMLRewriter (never script text, never the
// body), and /.well-known/kudos strictly (text/plain, handles and comments only).
import { describe, expect, it } from 'vitest';
import { ownersInHead, readWellKnown, verifiableOrigin } from '../../worker/domain/site-proof';

describe('site proofs', () => {
  it.each([
    ['https://blog.example/post', 'https://blog.example'],
    ['https://blog.example:8443/x', 'https://blog.example:8443'],
    ['http://localhost:8788/posts/a', 'http://localhost:8788'],
    ['http://localhost.:8788/posts/a', 'http://localhost:8788'],
    ['http://127.0.0.1:9/x', 'http://127.0.0.1:9'],
    ['http://[::1]:9/x', 'http://[::1]:9'],
    ['http://blog.example/post', null],
    ['http://10.0.0.1/x', null],
    ['ftp://blog.example/x', null],
    ['https://user:pw@blog.example/x', null],
    ['not a url', null],
  ])('%s may be verified at %s', (url, origin) => expect(verifiableOrigin(url)).toBe(origin));

  it('reads kudos:owner meta tags in the head, in any attribute order, case and quoting', async () => {
    const html = `<!doctype html><HTML><HEAD><meta charset="utf-8"><meta content="alice" name="kudos:owner"><META NAME='KUDOS:OWNER' CONTENT='@Bob, carol'>
      <meta name="description" content="dave"><meta name=kudos:owner content=erin></HEAD><body></body></HTML>`;
    expect(await ownersInHead(html)).toEqual(['alice', 'bob', 'carol', 'erin']);
  });

  it('never reads script text, the body, a template, or a head that a body element ended', async () => {
    const head = (inside: string, after = '') => `<html><head><title>t</title>${inside}</head><body>${after}</body></html>`;
    // The audit's reflecting page: the query echoed inside a script.
    expect(await ownersInHead(head('<script>var q = "<meta name=kudos:owner content=bob>";</script>'))).toEqual([]);
    expect(await ownersInHead(head('<style>/* <meta name="kudos:owner" content="bob"> */</style>'))).toEqual([]);
    expect(await ownersInHead(head('<!-- <meta name="kudos:owner" content="bob"> -->'))).toEqual([]);
    expect(await ownersInHead(head('<template><meta name="kudos:owner" content="bob"></template>'))).toEqual([]);
    expect(await ownersInHead(head('', '<meta name="kudos:owner" content="bob"><p>kudos:owner bob</p>'))).toEqual([]);
    expect(await ownersInHead('<html><head><title>t</title><div>x</div><meta name="kudos:owner" content="bob">')).toEqual([]);
    expect(await ownersInHead('<meta name="kudos:owner" content="bob"><p>no head at all</p>')).toEqual([]);
    // The audit's app shell: words in <noscript> are not handles.
    expect(await ownersInHead('<html><head></head><body><noscript>You need to enable JavaScript to run this app.</noscript></body></html>')).toEqual([]);
  });

  it('reads 522 KB of unclosed <meta tags quickly (linear), naming nobody', async () => {
    for (const kb of [120, 240, 522, 2048]) {
      const bomb = `<html><head>${'<meta '.repeat(Math.ceil((kb * 1024) / 6))}`;
      const started = performance.now();
      expect(await ownersInHead(bomb)).toEqual([]);
      expect(performance.now() - started, `${kb} KB`).toBeLessThan(1000);
    }
  });

  it('reads /.well-known/kudos strictly: text/plain, handles per line, comments', () => {
    expect(readWellKnown('text/plain', '# owners\nalice\n@bob, carol # and carol\n\n')).toEqual({ kind: 'handles', handles: ['alice', 'bob', 'carol'] });
    expect(readWellKnown('text/plain', 'alice\r\n')).toEqual({ kind: 'handles', handles: ['alice'] });
  });

  it('an HTML page, a sentence or an empty file is not a Kudos file, and says why', () => {
    const shell = '<!doctype html><noscript>You need to enable JavaScript to run this app.</noscript>';
    expect(readWellKnown('text/html', shell)).toEqual({ kind: 'not_kudos_file', why: 'it is served as text/html, not text/plain' });
    expect(readWellKnown('', 'alice')).toEqual({ kind: 'not_kudos_file', why: 'it is served as no type at all, not text/plain' });
    expect(readWellKnown('text/plain', shell)).toMatchObject({ kind: 'not_kudos_file', why: expect.stringContaining('line 1 holds "<!doctype"') });
    expect(readWellKnown('text/plain', 'alice\nPage not found.')).toMatchObject({
      kind: 'not_kudos_file',
      why: expect.stringContaining('line 2 holds "found."'),
    });
    expect(readWellKnown('text/plain', '# nobody yet\n')).toEqual({ kind: 'not_kudos_file', why: 'it names no handle' });
  });
});
