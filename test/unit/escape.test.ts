import { describe, expect, it } from 'vitest';
import { titleOrUrl } from '../../worker/domain/rules';
import { escapeXml, jsonForScript } from '../../worker/views/escape';

describe('jsonForScript', () => {
  it('cannot end or change the <script> element it sits in, and round-trips', () => {
    const value = { title: '</script><script>alert(1)</script><!-- \u2028\u2029 & "quotes"' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('escapeXml', () => {
  it('escapes the five markup characters', () => expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;'));
});

describe('titleOrUrl', () => {
  it.each([
    ['  A post  ', 'A post'],
    ['', 'https://x.example/'],
    ['   ', 'https://x.example/'],
    [undefined, 'https://x.example/'],
    [null, 'https://x.example/'],
    ['x'.repeat(250), 'x'.repeat(200)],
  ])('%j → %j', (title, expected) => expect(titleOrUrl(title, 'https://x.example/')).toBe(expected));
});
