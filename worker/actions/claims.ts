// Things belong to whoever proves the site. A thing its owner registers is theirs at once
// ("site not verified" until they verify it); a thing a reader's click registered under
// someone's handle waits, unclaimed, until that person claims it or verifies the site; the
// verified owner of a site wins a dispute over a thing someone else registered on it.
import { monthOf } from '../domain/month';
import { refuse } from '../domain/refusal';
import { normaliseUrl } from '../domain/rules';
import { isOnOrigin, ownersInPage, ownersInWellKnown, verifiableOrigin, WELL_KNOWN_PATH } from '../domain/site-proof';
import type { Account } from '../store/accounts';
import * as claims from '../store/claims';
import type { Db } from '../store/db';
import { findThing, findThingByUrl, registerThing, type Thing } from '../store/things';
import { releaseHeldKudos } from './settle';

/** How long verification waits for the site, and how much of a page it reads. */
const FETCH_TIMEOUT_MS = 5000;
const MAX_PROOF_BYTES = 512 * 1024;

/** The thing `me` registers as theirs (POST /api/v1/things): claimed at once, also if it was waiting. */
export async function registerOwnThing(db: Db, me: Account, url: string, title: string): Promise<Thing> {
  const thing = await registerThing(db, me.id, url, title, { claimed: true });
  if (!thing.claimed) await claim(db, thing.id);
  return { ...thing, claimed: true };
}

/** One click on the dashboard: the named owner takes a thing a reader registered for them. */
export async function claimThing(db: Db, me: Account, thingId: number): Promise<Thing> {
  const thing = await ownThing(db, me, thingId);
  await claim(db, thing.id);
  return { ...thing, claimed: true };
}

/** The one place a thing becomes claimed, and so the one place held kudos are released. */
async function claim(db: Db, thingId: number): Promise<void> {
  if (await claims.markClaimed(db, thingId)) await releaseHeldKudos(db, thingId);
}

export async function hideThing(db: Db, me: Account, thingId: number, hidden: boolean): Promise<void> {
  const thing = await ownThing(db, me, thingId);
  await claims.setHidden(db, thing.id, hidden);
}

/** Removes a thing with no settled kudos; one that has some stays in the books and is hidden. */
export async function removeThing(db: Db, me: Account, thingId: number): Promise<'removed' | 'hidden'> {
  const thing = await ownThing(db, me, thingId);
  if (await claims.deleteUnlessSettled(db, thing.id)) return 'removed';
  await claims.setHidden(db, thing.id, true);
  return 'hidden';
}

async function ownThing(db: Db, me: Account, thingId: number): Promise<Thing> {
  const thing = await findThing(db, thingId);
  if (!thing) throw refuse('not_found', 'No such thing.');
  if (thing.ownerId !== me.id) throw refuse('not_your_thing', 'Only the person a thing names can change it.');
  return thing;
}

/**
 * Verifies that `me` owns the site of `pageUrl`: the page's `<meta name="kudos:owner">` or the
 * host's /.well-known/kudos must name their handle. Then every thing readers registered for
 * them on that site is claimed. `fetcher` is the Worker's fetch.
 */
export async function verifySite(db: Db, me: Account, pageUrl: string, fetcher: typeof fetch = fetch): Promise<{ origin: string; claimed: number }> {
  const url = normaliseUrl(pageUrl);
  const origin = url && verifiableOrigin(url);
  if (!url || !origin) throw refuse('invalid_field', '"url" must be an https:// page of your site.');
  const named = (await readProof(fetcher, url, ownersInPage)) || (await readProof(fetcher, origin + WELL_KNOWN_PATH, ownersInWellKnown));
  const owners = named || [];
  if (!owners.includes(me.handle)) {
    throw refuse('site_not_verified', `Neither ${url} (<meta name="kudos:owner" content="${me.handle}">) nor ${origin}${WELL_KNOWN_PATH} names @${me.handle}.`);
  }
  await claims.markSiteVerified(db, me.id, origin);
  const waiting = await claims.unclaimedOnOrigin(db, me.id, origin);
  for (const id of waiting) await claim(db, id);
  return { origin, claimed: waiting.length };
}

/** The handles a proof document names, or null when it could not be read (or names nobody). */
async function readProof(fetcher: typeof fetch, url: string, parse: (text: string) => string[]): Promise<string[] | null> {
  let response: Response;
  try {
    // No redirects: the proof must be on the very origin it proves.
    response = await fetcher(url, { redirect: 'manual', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), headers: { Accept: 'text/html, text/plain' } });
  } catch {
    return null;
  }
  if (response.status !== 200 || !response.body) {
    await response.body?.cancel();
    return null;
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (let read = 0; read < MAX_PROOF_BYTES; ) {
    const { done, value } = await reader.read();
    if (done) break;
    read += value.byteLength;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  const owners = parse(text);
  return owners.length ? owners : null;
}

/**
 * The verified owner of a site takes a thing someone else registered on it: the thing becomes
 * theirs (their own thing at that URL, claimed), the kudos no settlement has paid yet follow it,
 * and the other person's thing is removed, or hidden when it already earned settled kudos.
 */
export async function disputeThing(db: Db, me: Account, thingId: number, now = Date.now()): Promise<Thing> {
  const theirs = await findThing(db, thingId);
  if (!theirs) throw refuse('not_found', 'No such thing.');
  if (theirs.ownerId === me.id) throw refuse('invalid_field', 'This thing is already yours.');
  const origin = verifiableOrigin(theirs.url);
  if (!origin || !isOnOrigin(theirs.url, origin) || !(await claims.hasVerifiedSite(db, me.id, origin))) {
    throw refuse('site_not_verified', `Verify ${origin ?? 'the site'} first: only its verified owner can take its things.`);
  }
  // A site can have several verified owners (a /.well-known/kudos listing a team): among them,
  // each keeps their own things.
  if (await claims.hasVerifiedSite(db, theirs.ownerId, origin)) throw refuse('not_your_thing', `Its owner verified ${origin} too.`);
  const mine = await registerOwnThing(db, me, theirs.url, theirs.title);
  await claims.moveUnsettledClicks(db, theirs.id, mine.id, monthOf(now));
  if (!(await claims.deleteUnlessSettled(db, theirs.id))) await claims.setHidden(db, theirs.id, true);
  return (await findThingByUrl(db, me.id, theirs.url))!;
}
