// POST /api/v1/invite-requests {email, note?, inviter?} → 202, whoever asks: the answer never
// says whether the email is known (mounted in worker/index.ts).
import { Hono } from 'hono';
import { askForInvite, MAX_NOTE_LENGTH } from '../actions/invite-requests';
import { readBody } from '../http/body';
import type { AppEnv } from '../http/context';
import { optionalString, requiredString } from '../http/validate';

export const inviteRequestsApi = new Hono<AppEnv>();

inviteRequestsApi.post('/', async (c) => {
  const body = await readBody(c);
  await askForInvite(c.get('db'), {
    email: requiredString(body, 'email', { max: 254 }),
    note: optionalString(body, 'note', { max: MAX_NOTE_LENGTH, min: 0 }),
    inviter: optionalString(body, 'inviter', { max: 31, min: 0 }),
  });
  return c.json({ status: 'received', message: 'Thank you. If there is room, an invite code comes to that address.' }, 202);
});
