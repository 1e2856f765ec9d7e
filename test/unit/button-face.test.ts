// What the button says and how it is marked, for every state and language: the one pure
// function behind both the server-rendered button and the browser's updates.
import { describe, expect, test } from 'vitest';
import { buttonFace } from '../../widget/common/face';
import { WORDS } from '../../widget/common/button-words';
import { readLook, type ButtonLook } from '../../widget/common/options';
import type { ButtonStatus } from '../../widget/common/protocol';

const look: ButtonLook = { style: 'default', theme: 'auto', lang: 'en' };
const face = (status: ButtonStatus, lang: ButtonLook['lang'] = 'en', total = 3) =>
  buttonFace({ ...look, lang }, WORDS[lang], { status, clicks_total: total, clicks_this_month: 1 }, null, false);

describe('buttonFace', () => {
  test.each([
    ['signed_out', 'Give kudos', 'Give kudos on Kudos', false, false],
    ['ready', 'Give kudos', 'Give kudos', false, false],
    ['given', 'Given', 'Given', true, false],
    ['own', 'Yours', 'Yours', false, true],
    ['no_budget', 'Add budget', 'Set a funded monthly budget on Kudos first', false, false],
    ['not_funded', 'Add budget', 'Set a funded monthly budget on Kudos first', false, false],
    // Not "given": a reader who never clicked may meet it too.
    ['month_settled', 'Settled', 'This month is settled; give kudos again next month.', false, true],
  ] as const)('%s: label %j, hint %j, pressed %s, disabled %s', (status, label, hint, pressed, disabled) => {
    expect(face(status)).toMatchObject({ label, hint, pressed, disabled, className: `kb default ${status}` });
  });

  test('speaks German and Swedish', () => {
    expect(face('ready', 'de').label).toBe('Kudos geben');
    expect(face('given', 'sv').label).toBe('Givet');
    expect([face('month_settled', 'de').label, face('month_settled', 'sv').label]).toEqual(['Abgerechnet', 'Avräknat']);
  });

  test('a notice replaces the hint; a refusal marks the button', () => {
    const covered = buttonFace(look, WORDS.en, { status: 'ready', clicks_total: 0, clicks_this_month: 0 }, 'covered', false);
    expect(covered.hint).toBe('Refused: the button is not fully visible.');
    expect(covered.className).toContain('refused');
  });

  test('large counts are short', () => {
    expect(face('ready', 'en', 12_345).count).toBe('12K');
    expect(face('ready', 'en', 7).count).toBe('7');
  });
});

describe('readLook', () => {
  const look = (query: Record<string, string>) => readLook(new URLSearchParams(query));
  test('takes known values and region variants of languages', () => {
    expect(look({ style: 'large', theme: 'dark', lang: 'de-AT' })).toEqual({ style: 'large', theme: 'dark', lang: 'de' });
    expect(look({ lang: 'sv_SE' }).lang).toBe('sv');
  });
  test('falls back to the defaults for anything else', () => {
    expect(look({ style: 'huge', theme: 'neon', lang: 'fr' })).toEqual({ style: 'default', theme: 'auto', lang: 'en' });
    expect(look({})).toEqual({ style: 'default', theme: 'auto', lang: 'en' });
  });
});
