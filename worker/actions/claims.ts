// Things belong to whoever proves the site. A thing its owner registers is theirs at once
// ("site not verified" until they verify it); a thing a reader's click registered under
// someone's handle waits, unclaimed, until that person claims it or verifies the site; the
// verified owner of a site wins a dispute over a thing someone else registered on it.
import { monthOf } from '../domain/month';
import { refuse } from '../domain/refusal';
import { normaliseUrl } from '../domain/rules';
import { HOME_PATH, ownersInHead, readWellKnown, verifiableOrigin, WELL_KNOWN_PATH } from '../domain/site-proof';
import { fetchPage } from '../outbound/fetch-page';
import type { Account } from '../store/accounts';
import * as claims from '../store/claims';
import type { SiteProof } from '../store/claims';
import type { Db } from '../store/db';
import type { GiverShard } from '../store/giver-shards';
import { findThing, findThingByUrl, registerThing, type Thing } from '../store/things';
import { releaseHeldKudos } from './settle';

/** A /.well-known/kudos file is a short list of handles; a home page is read up to its <head>. */
const MAX_WELL_KNOWN_BYTES = 16 * 1024;
const MAX_HOME_BYTES = 512 * 1024;

/** How Kudos may read other people's pages for this request (worker/outbound). */
export interface Reading {
  /** This Kudos runs on a developer's machine, so loopback sites (the demo blog) may be read. */
  allowLoopback: boolean;
}

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
export async function removeThing(db: Db, me: Account, thingId: number, shards: readonly GiverShard[] = []): Promise<'removed' | 'hidden'> {
  const thing = await ownThing(db, me, thingId);
  if (await claims.deleteUnlessSettled(db, thing.id, shards)) return 'removed';
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
 * Verifies that `me` owns the site `pageUrl` lies on. Only the origin of the address counts:
 * the proof is read from the origin's own fixed places, the home page's
 * `<head><meta name="kudos:owner">` and then `/.well-known/kudos` (never the page or query the
 * person gave). Then every thing readers registered for them on that site is claimed.
 */
export async function verifySite(db: Db, me: Account, pageUrl: string, reading: Reading): Promise<{ origin: string; claimed: number }> {
  const url = normaliseUrl(pageUrl);
  const origin = url && verifiableOrigin(url);
  if (!url || !origin) throw refuse('invalid_field', '"url" must be an https:// address on your site.');
  const proof = await proveSite(origin, me.handle, reading);
  if (proof.kind === 'not_named') throw refuse('site_not_verified', proof.why);
  await claims.markSiteVerified(db, me.id, origin, proof.kind);
  const waiting = await claims.unclaimedOnOrigin(db, me.id, origin);
  for (const id of waiting) await claim(db, id);
  return { origin, claimed: waiting.length };
}

type Proof = { kind: SiteProof } | { kind: 'not_named'; why: string };

/**
 * Whether `origin`'s own proofs name `handle`: its home page's head first, then its
 * /.well-known/kudos file. A page that cannot be read in time or is not allowed refuses
 * (a 4xx in words, from worker/outbound); a proof that names someone else, or a file that is
 * not a Kudos file, is 'not_named' with the reason.
 */
async function proveSite(origin: string, handle: string, reading: Reading): Promise<Proof> {
  const home = await fetchPage(origin + HOME_PATH, {
    ...reading,
    accept: 'text/html',
    maxBytes: MAX_HOME_BYTES,
    oversize: 'cut',
    redirects: 'same-origin',
  });
  const homeIsHtml = home.status === 200 && (home.mediaType === 'text/html' || home.mediaType === 'application/xhtml+xml');
  if (homeIsHtml && (await ownersInHead(home.text)).includes(handle)) return { kind: 'home_meta' };

  const file = await fetchPage(origin + WELL_KNOWN_PATH, {
    ...reading,
    accept: 'text/plain',
    maxBytes: MAX_WELL_KNOWN_BYTES,
    oversize: 'refuse',
    redirects: 'same-origin',
  });
  const listing = file.status === 200 ? readWellKnown(file.mediaType, file.text) : ({ kind: 'not_kudos_file', why: `it answers HTTP ${file.status}` } as const);
  if (listing.kind === 'handles' && listing.handles.includes(handle)) {
    if (!(await answersAnyPathTheSame(origin, file.text, reading))) return { kind: 'well_known_file' };
    return {
      kind: 'not_named',
      why: `${origin}${WELL_KNOWN_PATH} is not a Kudos file: the site answers any address with the same text, so it proves nothing.`,
    };
  }
  const fileSays = listing.kind === 'handles' ? `names ${listing.handles.map((h) => `@${h}`).join(', ')}` : `is not a Kudos file: ${listing.why}`;
  return {
    kind: 'not_named',
    why:
      `Neither the head of ${origin}/ (<meta name="kudos:owner" content="${handle}">) nor ${origin}${WELL_KNOWN_PATH} names @${handle}: ` +
      `the home page ${homeIsHtml ? 'does not' : `could not be read as HTML (HTTP ${home.status}, ${home.mediaType || 'no type'})`}, and ${WELL_KNOWN_PATH} ${fileSays}.`,
  };
}

/**
 * The verified owner of a site takes a thing someone else registered on it: the thing becomes
 * theirs (their own thing at that URL, claimed), the kudos no settlement has paid yet follow it,
 * and the other person's thing is removed, or hidden when it already earned settled kudos.
 */
export async function disputeThing(
  db: Db,
  me: Account,
  thingId: number,
  reading: Reading,
  shards: readonly GiverShard[] = [],
  now = Date.now(),
): Promise<Thing> {
  const theirs = await findThing(db, thingId);
  if (!theirs) throw refuse('not_found', 'No such thing.');
  if (theirs.ownerId === me.id) throw refuse('invalid_field', 'This thing is already yours.');
  const origin = verifiableOrigin(theirs.url);
  const standing = origin ? await claims.siteStanding(db, me.id, origin) : 'none';
  if (!origin || standing === 'none') {
    throw refuse('site_not_verified', `Verify ${origin ?? 'the site'} first: only its verified owner can take its things.`);
  }
  // A site verified before proofs were strict is proved again now, on its first use.
  if (standing === 'to_recheck') await reprove(db, me, origin, reading);
  // A site can have several verified owners (a /.well-known/kudos listing a team): among them,
  // each keeps their own things.
  if (await claims.hasVerifiedSite(db, theirs.ownerId, origin)) throw refuse('not_your_thing', `Its owner verified ${origin} too.`);
  const mine = await registerOwnThing(db, me, theirs.url, theirs.title);
  await claims.moveUnsettledClicks(db, theirs.id, mine.id, monthOf(now), shards);
  if (!(await claims.deleteUnlessSettled(db, theirs.id, shards))) await claims.setHidden(db, theirs.id, true);
  return (await findThingByUrl(db, me.id, theirs.url))!;
}

/**
 * Whether the site answers an address that cannot exist with the same text as its
 * /.well-known/kudos: a catch-all ("OK" on every path) whose words merely look like handles.
 */
async function answersAnyPathTheSame(origin: string, text: string, reading: Reading): Promise<boolean> {
  const probe = `${origin}${WELL_KNOWN_PATH}-${crypto.randomUUID()}`;
  const other = await fetchPage(probe, { ...reading, accept: 'text/plain', maxBytes: MAX_WELL_KNOWN_BYTES, oversize: 'cut', redirects: 'same-origin' });
  return other.status === 200 && other.text === text;
}

/** Proves `origin` again for `me`; a proof that no longer names them forgets the site and refuses. */
async function reprove(db: Db, me: Account, origin: string, reading: Reading): Promise<void> {
  const proof = await proveSite(origin, me.handle, reading);
  if (proof.kind === 'not_named') {
    await claims.forgetSite(db, me.id, origin);
    throw refuse('site_not_verified', `${origin} was verified before Kudos read proofs strictly, and its proofs no longer name you. ${proof.why}`);
  }
  await claims.markSiteVerified(db, me.id, origin, proof.kind);
}
