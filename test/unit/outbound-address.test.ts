// Which addresses Kudos may read (worker/outbound/address.ts): every spelling of a loopback,
// private, link-local or translated address that the URL parser can produce is refused, as the
// audit of issue 20 tried them; public hosts pass; loopback only while Kudos runs locally.
import { describe, expect, it } from 'vitest';
import { canonicalHost, normaliseUrl } from '../../worker/domain/rules';
import { verifiableOrigin } from '../../worker/domain/site-proof';
import { publicTarget, whyNotPublic } from '../../worker/outbound/address';

const production = { allowLoopback: false };
const local = { allowLoopback: true };

describe('addresses Kudos refuses to read', () => {
  it.each([
    // loopback, in the spellings URL parsing normalises: decimal, octal, hex, short forms
    ['http://127.0.0.1/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://localhost/', 'local name'],
    ['http://localhost./', 'local name'],
    ['http://LOCALHOST../x', 'local name'],
    ['http://a.localhost/', 'local name'],
    ['http://[::1]/', 'loopback'],
    ['http://0/', 'unspecified'],
    ['http://0.0.0.0/', 'unspecified'],
    // private and link-local (the cloud metadata address)
    ['http://10.1.2.3/', 'private'],
    ['http://172.20.0.1/', 'private'],
    ['http://192.168.1.1/', 'private'],
    ['http://169.254.169.254/latest/meta-data', 'link-local'],
    ['http://0xa9fea9fe/', 'link-local'],
    ['http://100.64.0.1/', 'carrier NAT'],
    ['http://[fd00::1]/', 'private'],
    ['http://[fe80::1]/', 'link-local'],
    // IPv4 inside IPv6: compatible, mapped, NAT64 (RFC 6052 and 8215), translated
    ['http://[::7f00:1]/', 'not a global'],
    ['http://[::a9fe:a9fe]/', 'not a global'],
    ['http://[::ffff:127.0.0.1]/', 'IPv4-mapped'],
    ['http://[::ffff:a9fe:a9fe]/', 'IPv4-mapped'],
    ['http://[64:ff9b::7f00:1]/', 'NAT64'],
    ['http://[64:ff9b::a9fe:a9fe]/', 'NAT64'],
    ['http://[64:ff9b:1::a00:1]/', 'NAT64'],
    ['http://[::ffff:0:7f00:1]/', 'IPv4-translated'],
    ['http://[2002:7f00:1::]/', '6to4'],
    // local names
    ['https://printer.local/', 'local name'],
    ['https://intranet/', 'local name'],
    ['https://db.internal/', 'local name'],
    ['https://router.home.arpa/', 'local name'],
  ])('%s is not allowed (%s)', (url, why) => {
    expect(() => publicTarget(url, production)).toThrow(/^Not allowed: Kudos reads public pages only/);
    expect(whyNotPublic(new URL(url).hostname, production)).toContain(why);
  });

  it('refuses the same private addresses while Kudos runs locally; only plain loopback spellings pass then', () => {
    for (const url of ['http://127.0.0.1:8788/x', 'http://localhost:8788/', 'http://localhost.:8788/', 'http://[::1]:9/']) {
      expect(() => publicTarget(url, local), url).not.toThrow();
    }
    for (const url of ['http://10.0.0.1/', 'http://169.254.169.254/', 'http://[::ffff:127.0.0.1]/', 'http://[64:ff9b::7f00:1]/', 'http://[::7f00:1]/']) {
      expect(() => publicTarget(url, local), url).toThrow(/Not allowed/);
    }
  });

  it('lets public hosts and addresses through, and says what else is wrong in words', () => {
    for (const url of ['https://example.com/', 'https://8.8.8.8/', 'https://172.32.0.1/', 'https://[2606:4700::1111]/', 'https://bücher.example/']) {
      expect(() => publicTarget(url, production), url).not.toThrow();
    }
    expect(publicTarget('https://Blog.Example./post', production).toString()).toBe('https://blog.example/post');
    expect(() => publicTarget('file:///etc/passwd', local)).toThrow(/http and https/);
    expect(() => publicTarget('https://u:p@example.com/', production)).toThrow(/user name/);
    expect(() => publicTarget('not a url', production)).toThrow(/full address/);
  });
});

describe('one host, one origin', () => {
  it('drops trailing dots and case; IDN hosts become punycode', () => {
    expect(canonicalHost('Blog.Example..')).toBe('blog.example');
    expect(normaliseUrl('http://localhost.:8788/posts/a')).toBe('http://localhost:8788/posts/a');
    expect(normaliseUrl('https://BÜCHER.example./x')).toBe('https://xn--bcher-kva.example/x');
    expect(normaliseUrl('https://./x')).toBeNull();
    expect(verifiableOrigin('http://localhost.:8788/x')).toBe('http://localhost:8788');
    expect(verifiableOrigin('https://Blog.example./')).toBe('https://blog.example');
  });
});
