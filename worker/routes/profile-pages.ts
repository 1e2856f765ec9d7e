// Profiles: the picture at /avatars/:handle (R2, or generated), and the dashboard's forms that
// edit name, bio, links and picture.
import { Hono } from 'hono';
import { AVATAR_TYPES, avatarKey, generatedAvatarSvg, MAX_AVATAR_BYTES, MAX_BIO, MAX_DISPLAY_NAME, parseLinks, sniffImageType } from '../domain/profile';
import { HANDLE } from '../domain/rules';
import type { AppEnv } from '../http/context';
import { redirectWithFlash } from '../http/flash';
import { readFormAs } from '../http/form';
import { ProfileForm } from '../http/schemas';
import { sameOriginWrites } from '../http/same-origin';
import { CSP } from '../http/security-headers';
import { personByHandle } from '../store/accounts';
import { profileOf, saveProfileText, setAvatarType } from '../store/profiles';
import { dashboardOf } from '../actions/dashboard';
import { Dashboard } from '../views/dashboard';
import { formAction, orShowAgain, refuseIn, sendPage, signedIn, wordsOf } from './respond';

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

/** Back to the profile part of the dashboard. */
const PROFILE = '/dashboard#profile-h';

profilePages.post('/dashboard/profile', sameOriginWrites, async (c) => {
  const me = await signedIn(c, PROFILE);
  const form = await readFormAs(c, ProfileForm);
  const typed = { displayName: form.display_name, bio: form.bio, links: form.links };
  const displayName = typed.displayName.trim().replace(/\s+/g, ' ');
  const bio = typed.bio.trim();
  const w = wordsOf(c);
  return orShowAgain(
    c,
    async () => {
      if (displayName.length > MAX_DISPLAY_NAME) throw refuseIn(c, 'invalid_field', w.fields.nameTooLong(MAX_DISPLAY_NAME));
      if (bio.length > MAX_BIO) throw refuseIn(c, 'invalid_field', w.fields.bioTooLong(MAX_BIO, bio.length));
      const links = parseLinks(typed.links);
      if ('bad' in links) throw refuseIn(c, 'invalid_field', w.fields.badLink(links.bad.slice(0, 80)));
      await saveProfileText(c.get('db'), me.id, { displayName, bio, links: links.links.join('\n') });
      return redirectWithFlash(c, PROFILE, { kind: 'ok', text: w.said.profileSaved });
    },
    // The dashboard again, its profile form holding what was typed (a redirect would show the
    // saved profile and throw the typed bio away), with the refusal in words.
    async (said, status) => {
      const data = await dashboardOf(c.get('db'), c.get('config'), me, Date.now());
      const page = Dashboard({ me, config: c.get('config'), data: { ...data, profile: { ...data.profile, ...typed } }, origin: new URL(c.req.url).origin, w });
      return sendPage(c, { title: w.titles.dashboard, viewer: me, flash: { kind: 'error', text: said }, children: page }, status);
    },
  );
});

profilePages.post(
  '/dashboard/avatar',
  sameOriginWrites,
  // The picture is a file: the act reads the body itself.
  formAction(PROFILE, null, async (c, me) => {
    const w = wordsOf(c).fields;
    // Bodies far over the limit are refused before they are read (http/body.ts LARGER_BODIES).
    const tooBig = () => refuseIn(c, 'too_large', w.pictureTooLarge(MAX_AVATAR_BYTES / 1024 / 1024));
    const file = (await c.req.parseBody()).picture;
    if (!(file instanceof File) || file.size === 0) throw refuseIn(c, 'invalid_field', w.noPicture);
    if (file.size > MAX_AVATAR_BYTES) throw tooBig();
    const bytes = new Uint8Array(await file.arrayBuffer());
    const type = sniffImageType(bytes);
    if (!type) throw refuseIn(c, 'invalid_field', w.notAPicture(AVATAR_TYPES.map((t) => t.slice(6).toUpperCase()).join(', ')));
    await c.env.AVATARS.put(avatarKey(me.id), bytes, { httpMetadata: { contentType: type } });
    await setAvatarType(c.get('db'), me.id, type);
    return wordsOf(c).said.pictureSaved;
  }),
);

profilePages.post(
  '/dashboard/avatar/remove',
  sameOriginWrites,
  formAction(PROFILE, null, async (c, me) => {
    await c.env.AVATARS.delete(avatarKey(me.id));
    await setAvatarType(c.get('db'), me.id, null);
    return wordsOf(c).said.pictureRemoved;
  }),
);
