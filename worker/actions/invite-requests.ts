// Asking for an invite, and answering: by the admin (a fresh code) or by the person the
// newcomer named (one of their own unused codes). The code goes out through the email seam.
import { refuse } from '../domain/refusal';
import { HANDLE, MAX_NOTE_LENGTH } from '../domain/rules';
import type { Account } from '../store/accounts';
import { mintInvites } from '../store/accounts';
import type { Db } from '../store/db';
import { addInviteRequest, answerRequest, findInviteRequest, spareInviteOf } from '../store/invite-requests';
import type { MailSettings } from '../env';
import { EMAIL } from './accounts';
import { mailWords, sendEmail } from './email';

export interface AskForInvite {
  email: string;
  note?: string | undefined;
  inviter?: string | undefined;
}

/** The handle a request names as the one who may invite them ("@Bob" is bob), or null. */
export function namedInviter(text: string | null | undefined): string | null {
  return (text ?? '').trim().replace(/^@/, '').toLowerCase() || null;
}

/**
 * Keeps the request. Says nothing about whether the email has an account or asked before: the
 * caller answers the same in every case, so the form cannot be used to find out who is here.
 */
export async function askForInvite(db: Db, form: AskForInvite): Promise<void> {
  const email = form.email.trim().toLowerCase();
  const note = (form.note ?? '').trim();
  const inviter = namedInviter(form.inviter);
  if (!EMAIL.test(email) || email.length > 254) throw refuse('invalid_field', 'Write your email address, like name@example.com.');
  if (note.length > MAX_NOTE_LENGTH) throw refuse('invalid_field', `Keep the note under ${MAX_NOTE_LENGTH} characters.`);
  if (inviter && !HANDLE.test(inviter)) throw refuse('invalid_field', 'A handle is 2 to 30 lower-case letters, digits, "-" or "_"; or leave it empty.');
  await addInviteRequest(db, { email, note, inviterHandle: inviter });
}

/** Emails the code, in the inviter's language (the admin's: English). */
async function sendInvite(db: Db, mail: MailSettings, to: string, code: string, from: string, lang: string): Promise<void> {
  const w = mailWords(lang).mail;
  const link = `${mail.siteOrigin}/signup?invite=${encodeURIComponent(code)}`;
  await sendEmail(db, mail, {
    to,
    topic: 'invite',
    lang,
    subject: w.inviteSubject,
    blocks: [{ p: w.invite(from) }, { p: w.inviteCode(code) }, { link, label: w.inviteLink }, { p: w.inviteAfter }],
  });
}

/** The admin answers a request with a fresh code; returns the code. */
export async function sendInviteAsAdmin(db: Db, mail: MailSettings, requestId: number): Promise<string> {
  const request = await findInviteRequest(db, requestId);
  if (!request) throw refuse('not_found', 'No such invite request.');
  if (request.inviteCode) throw refuse('already_sent', `A code was sent already: ${request.inviteCode}.`);
  const [code] = await mintInvites(db, 1);
  if (!(await answerRequest(db, requestId, code!))) throw refuse('already_sent', 'A code was sent meanwhile.');
  await sendInvite(db, mail, request.email, code!, 'The Kudos team', 'en');
  return code!;
}

/** A person answers a request that named them with one of their unused codes; returns the code. */
export async function sendInviteAsPerson(db: Db, mail: MailSettings, me: Account, requestId: number): Promise<{ code: string; email: string }> {
  const request = await findInviteRequest(db, requestId);
  if (!request || request.inviterHandle !== me.handle) throw refuse('not_found', 'No such invite request for you.');
  if (request.inviteCode) throw refuse('already_sent', 'You sent this person a code already.');
  const code = await spareInviteOf(db, me.id);
  if (!code) throw refuse('no_invites_left', 'All your invite codes are used or sent.');
  if (!(await answerRequest(db, requestId, code))) throw refuse('already_sent', 'A code was sent meanwhile.');
  await sendInvite(db, mail, request.email, code, `@${me.handle}`, me.lang);
  return { code, email: request.email };
}
