// /admin pages for the person holding ADMIN_TOKEN: invite requests answered with one click.
import { Hono } from 'hono';
import { sendInviteAsAdmin } from '../actions/invite-requests';
import { sameSecret } from '../domain/secrets';
import { endAdminSession, isAdmin, startAdminSession } from '../http/admin-session';
import type { AppEnv } from '../http/context';
import { redirectWithFlash, takeFlash } from '../http/flash';
import { readFormAs } from '../http/form';
import { AdminTokenForm } from '../http/schemas';
import { countAdminFailure } from '../http/rate-limit';
import { sameOriginWrites } from '../http/same-origin';
import { currentAccount } from '../http/session';
import { listInviteRequests } from '../store/invite-requests';
import { latestOutbox } from '../store/outbox';
import { AdminInviteRequests, AdminSignIn } from '../views/admin';
import { orShowAgain, sendPage, wordsOf } from './respond';

export const adminPages = new Hono<AppEnv>();

adminPages.use('/admin/*', sameOriginWrites);

adminPages.get('/admin', (c) => c.redirect('/admin/invite-requests', 303));

adminPages.get('/admin/invite-requests', async (c) => {
  const viewer = await currentAccount(c);
  if (!(await isAdmin(c))) return sendPage(c, { title: 'Admin sign-in', viewer, flash: takeFlash(c), children: AdminSignIn({}) }, 401);
  const db = c.get('db');
  const [requests, outbox] = await Promise.all([listInviteRequests(db), latestOutbox(db)]);
  return sendPage(c, { title: 'Invite requests · Admin', viewer, flash: takeFlash(c), children: AdminInviteRequests({ requests, outbox }) });
});

adminPages.post('/admin/session', async (c) => {
  const { token } = await readFormAs(c, AdminTokenForm);
  const expected = c.get('config').adminToken;
  if (!expected || !(await sameSecret(token, expected))) {
    // Over the limit this throws: the styled error page, 429 with Retry-After.
    await countAdminFailure(c);
    return sendPage(
      c,
      {
        title: 'Admin sign-in',
        viewer: await currentAccount(c),
        children: AdminSignIn({ error: wordsOf(c).said.adminWrongToken }),
      },
      401,
    );
  }
  await startAdminSession(c);
  return c.redirect('/admin/invite-requests', 303);
});

adminPages.post('/admin/session/end', async (c) => {
  await endAdminSession(c);
  return redirectWithFlash(c, '/', { kind: 'ok', text: wordsOf(c).said.adminLeft });
});

adminPages.post('/admin/invite-requests/:id{[0-9]{1,12}}/send', async (c) => {
  if (!(await isAdmin(c))) return c.redirect('/admin/invite-requests', 303);
  return orShowAgain(
    c,
    async () => {
      const code = await sendInviteAsAdmin(c.get('db'), c.get('config').mail, Number(c.req.param('id')));
      return redirectWithFlash(c, '/admin/invite-requests', { kind: 'ok', text: wordsOf(c).said.adminInviteSent(code) });
    },
    (said) => redirectWithFlash(c, '/admin/invite-requests', { kind: 'error', text: said }),
  );
});
