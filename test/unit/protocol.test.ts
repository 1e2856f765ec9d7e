// The frame protocol: one envelope, exact target origins, and a receiver that believes only
// messages from the expected window at the expected origin.
import { describe, expect, test } from 'vitest';
import { post, receive, type KudosMessage } from '../../widget/common/protocol';

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

describe('post', () => {
  test('wraps the message in the envelope and sends it to exactly one origin', () => {
    const { target, posted } = recordingWindow();
    post(target, { type: 'resize', width: 200, height: 32 }, BLOG);
    expect(posted).toEqual([{ message: { kudos: { type: 'resize', width: 200, height: 32 } }, origin: BLOG }]);
  });

  test.each(['*', '/', '', 'blog.example', `${BLOG}/path`])('refuses the target origin %j', (origin) => {
    const { target, posted } = recordingWindow();
    expect(() => post(target, { type: 'hello' }, origin)).toThrow(/Refusing/);
    expect(posted).toEqual([]);
  });
});

describe('receive', () => {
  const parent = {};
  const other = {};
  const hello: KudosMessage = { type: 'hello' };

  test('accepts the expected message from the expected window and origin', () => {
    expect(receive(event({ kudos: hello }, BLOG, parent), BLOG, parent as Window, ['hello'])).toEqual(hello);
  });

  test.each([
    ['another origin', event({ kudos: hello }, 'https://evil.example', parent)],
    ['another window at the right origin', event({ kudos: hello }, BLOG, other)],
    ['no envelope', event(hello, BLOG, parent)],
    ['a type not asked for', event({ kudos: { type: 'clicked', clicksTotal: 1 } }, BLOG, parent)],
    ['junk', event('hello', BLOG, parent)],
    ['null data', event(null, BLOG, parent)],
    ['an envelope without a type', event({ kudos: {} }, BLOG, parent)],
  ])('ignores %s', (_, message) => {
    expect(receive(message, BLOG, parent as Window, ['hello'])).toBeNull();
  });

  test('a BroadcastChannel message (no source) is accepted only where no source is expected', () => {
    const counts = { type: 'counts', owner: 'alice', url: `${BLOG}/a`, counts: { status: 'given', clicks_total: 1, clicks_this_month: 1 } };
    expect(receive(event({ kudos: counts }, KUDOS, null), KUDOS, null, ['counts'])).toEqual(counts);
    expect(receive(event({ kudos: counts }, KUDOS, null), KUDOS, parent as Window, ['counts'])).toBeNull();
  });
});
