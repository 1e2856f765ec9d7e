// Profiles: the picture at /avatars/:handle (R2, or generated), and the dashboard's forms that
// edit name, bio, links and picture.
import { Hono } from 'hono';
import { refuse } from '../domain/refusal';
import { AVATAR_TYPES, avatarKey, generatedAvatarSvg, MAX_AVATAR_BYTES, MAX_BIO, MAX_DISPLAY_NAME, parseLinks, sniffImageType } from '../domain/profile';
import { HANDLE } from '../domain/rules';
import { Refusal } from '../domain/refusal';
import type { AppContext, AppEnv } from '../http/context';
import { redirectWithFlash } from '../http/flash';
import { field } from '../http/form';
import { sameOriginWrites } from '../http/same-origin';
import { CSP } from '../http/security-headers';
import { currentAccount } from '../http/session';
import { type Account, personByHandle } from '../store/accounts';
import { profileOf, saveProfileText, setAvatarType } from '../store/profiles';
import { dashboardOf } from '../actions/dashboard';
import { Dashboard } from '../views/dashboard';
import { sendPage, wordsOf } from './respond';

export const profilePages = new Hono<AppEnv>();

profilePages.get('/avatars/:handle{[a-z0-9][a-z0-9_-]{1,29}}', async (c) => {
  const handle = c.req.param('handle');
  const person = HANDLE.test(handle) ? await personByHandle(c.get('db'), handle) : undefined;
  if (!person) return c.body(null, 404);
  // A versioned address never changes content; the plain one may, so it is cached briefly.
  const cache = c.req.query('v') ? 'public, max-age=31536000, immutable' : 'public, max-age=300';
  c.header('Cache-Control', cache);
  c.header('Content-Security-Policy', CSP.picture);
  const profile = await profileOf(c.get('db'), person.id);
  if (profile.avatarType) {
    const object = await c.env.AVATARS.get(avatarKey(person.id));
    if (object) {
      if (c.req.header('If-None-Match') === object.httpEtag) return c.body(null, 304, { ETag: object.httpEtag });
      return c.body(object.body, 200, { 'Content-Type': profile.avatarType, ETag: object.httpEtag });
    }
  }
  return c.body(generatedAvatarSvg(person.handle), 200, { 'Content-Type': 'image/svg+xml; charset=utf-8' });
});

async function signedIn(c: AppContext): Promise<Account | Response> {
  return (await currentAccount(c)) ?? c.redirect('/login?next=%2Fdashboard%23profile-h', 303);
}

function profileAction(act: (c: AppContext, me: Account) => Promise<string>) {
  return async (c: AppContext) => {
    const me = await signedIn(c);
    if (me instanceof Response) return me;
    try {
      return redirectWithFlash(c, '/dashboard#profile-h', { kind: 'ok', text: await act(c, me) });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      return redirectWithFlash(c, '/dashboard#profile-h', { kind: 'error', text: error.message });
    }
  };
}

profilePages.post('/dashboard/profile', sameOriginWrites, async (c) => {
  const me = await signedIn(c);
  if (me instanceof Response) return me;
  const form = await c.req.parseBody();
  const typed = { displayName: field(form, 'display_name'), bio: field(form, 'bio'), links: field(form, 'links') };
  const displayName = typed.displayName.trim().replace(/\s+/g, ' ');
  const bio = typed.bio.trim();
  try {
    if (displayName.length > MAX_DISPLAY_NAME) throw refuse('invalid_field', `Keep your name under ${MAX_DISPLAY_NAME} characters.`);
    if (bio.length > MAX_BIO) throw refuse('invalid_field', `Keep your bio under ${MAX_BIO} characters (it has ${bio.length}).`);
    const links = parseLinks(typed.links);
    if ('bad' in links)
      throw refuse('invalid_field', `Links are full addresses starting with https://, one a line, at most 5: check "${links.bad.slice(0, 80)}".`);
    await saveProfileText(c.get('db'), me.id, { displayName, bio, links: links.links.join('\n') });
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    // The dashboard again, its profile form holding what was typed (a redirect would show the
    // saved profile and throw the typed bio away), with the refusal in words.
    const data = await dashboardOf(c.get('db'), c.get('config'), me, Date.now());
    const w = wordsOf(c);
    const page = Dashboard({ me, config: c.get('config'), data: { ...data, profile: { ...data.profile, ...typed } }, origin: new URL(c.req.url).origin, w });
    return sendPage(c, { title: w.titles.dashboard, viewer: me, flash: { kind: 'error', text: error.message }, children: page }, 400);
  }
  return redirectWithFlash(c, '/dashboard#profile-h', { kind: 'ok', text: 'Your profile is saved.' });
});

profilePages.post(
  '/dashboard/avatar',
  sameOriginWrites,
  profileAction(async (c, me) => {
    // Bodies far over the limit are refused before they are read (http/body.ts LARGER_BODIES).
    const tooBig = () => refuse('too_large', `The picture is too large: at most ${MAX_AVATAR_BYTES / 1024 / 1024} MB.`);
    const file = (await c.req.parseBody()).picture;
    if (!(file instanceof File) || file.size === 0) throw refuse('invalid_field', 'Choose a picture file first.');
    if (file.size > MAX_AVATAR_BYTES) throw tooBig();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const type = sniffImageType(bytes);
    if (!type) throw refuse('invalid_field', `That file is not a picture Kudos takes: use ${AVATAR_TYPES.map((t) => t.slice(6).toUpperCase()).join(', ')}.`);
    await c.env.AVATARS.put(avatarKey(me.id), bytes, { httpMetadata: { contentType: type } });
    await setAvatarType(c.get('db'), me.id, type);
    return 'Your picture is saved.';
  }),
);

profilePages.post(
  '/dashboard/avatar/remove',
  sameOriginWrites,
  profileAction(async (c, me) => {
    await c.env.AVATARS.delete(avatarKey(me.id));
    await setAvatarType(c.get('db'), me.id, null);
    return 'Your picture is removed; your profile shows the generated one.';
  }),
);
