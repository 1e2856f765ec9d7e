import { describe, expect, it } from 'vitest';
import { ownersInPage, ownersInWellKnown, verifiableOrigin } from '../../worker/domain/site-proof';

describe('site proofs', () => {
  it.each([
    ['https://blog.example/post', 'https://blog.example'],
    ['https://blog.example:8443/x', 'https://blog.example:8443'],
    ['http://localhost:8788/posts/a', 'http://localhost:8788'],
    ['http://127.0.0.1:9/x', 'http://127.0.0.1:9'],
    ['http://[::1]:9/x', 'http://[::1]:9'],
    ['http://blog.example/post', null],
    ['http://10.0.0.1/x', null],
    ['ftp://blog.example/x', null],
    ['https://user:pw@blog.example/x', null],
    ['not a url', null],
  ])('%s may be verified at %s', (url, origin) => expect(verifiableOrigin(url)).toBe(origin));

  it('reads kudos:owner meta tags in any attribute order and quoting', () => {
    const html = `<head><meta charset="utf-8"><meta content="alice" name="kudos:owner"><META NAME='KUDOS:OWNER' CONTENT='@Bob, carol'>
      <meta name="description" content="dave"><meta name=kudos:owner content=erin></head>`;
    expect(ownersInPage(html)).toEqual(['alice', 'bob', 'carol', 'erin']);
    expect(ownersInPage('<p>kudos:owner alice</p>')).toEqual([]);
  });

  it('reads /.well-known/kudos: handles per line, comments ignored, nonsense dropped', () => {
    expect(ownersInWellKnown('# owners\nalice\n@bob carol # and carol\n<script>\n\n')).toEqual(['alice', 'bob', 'carol']);
  });
});
