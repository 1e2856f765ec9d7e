// The window protocol: one envelope, exact target origins, and a receiver that believes only
// messages from the expected window at the expected origin.
import { describe, expect, test } from 'vitest';
import { type KudosMessage, post, receive } from '../../widget/common/protocol';

const KUDOS = 'https://kudos.example';
const BLOG = 'https://blog.example';

/** A window stand-in that records what was posted to it. */
function recordingWindow() {
  const posted: { message: unknown; origin: string }[] = [];
  const target = { postMessage: (message: unknown, origin: string) => posted.push({ message, origin }) } as unknown as Window;
  return { target, posted };
}

/** The fields of a MessageEvent that `receive` reads (workerd has no window to make real ones). */
function event(data: unknown, origin: string, source: object | null): MessageEvent<unknown> {
  return { data, origin, source } as unknown as MessageEvent<unknown>;
}

const done: KudosMessage = { type: 'done', owner: 'alice', url: `${BLOG}/a`, counts: { status: 'given', clicks_total: 1, clicks_this_month: 1 } };

describe('post', () => {
  test('wraps the message in the envelope and sends it to exactly one origin', () => {
    const { target, posted } = recordingWindow();
    post(target, done, BLOG);
    expect(posted).toEqual([{ message: { kudos: done }, origin: BLOG }]);
  });

  test.each(['*', '/', '', 'blog.example', `${BLOG}/path`])('refuses the target origin %j', (origin) => {
    const { target, posted } = recordingWindow();
    expect(() => post(target, done, origin)).toThrow(/Refusing/);
    expect(posted).toEqual([]);
  });
});

describe('receive', () => {
  const popup = {};
  const other = {};

  test('accepts the expected message from the expected window and origin', () => {
    expect(receive(event({ kudos: done }, KUDOS, popup), KUDOS, popup as Window, ['done'])).toEqual(done);
  });

  test.each([
    ['another origin', event({ kudos: done }, 'https://evil.example', popup)],
    ['another window at the right origin', event({ kudos: done }, KUDOS, other)],
    ['no source', event({ kudos: done }, KUDOS, null)],
    ['no envelope', event(done, KUDOS, popup)],
    ['a type not asked for', event({ kudos: { type: 'clicked', clicksTotal: 1 } }, KUDOS, popup)],
    ['junk', event('done', KUDOS, popup)],
    ['null data', event(null, KUDOS, popup)],
    ['an envelope without a type', event({ kudos: {} }, KUDOS, popup)],
  ])('ignores %s', (_, message) => {
    expect(receive(message, KUDOS, popup as Window, ['done'])).toBeNull();
  });
});
