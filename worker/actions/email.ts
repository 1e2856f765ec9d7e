// The email seam. Kudos has no mail service yet: every message is logged and kept in the
// `outbox` table (the admin page shows it). A real sender plugs in here and nowhere else.
import type { Db } from '../store/db';
import { addToOutbox } from '../store/invite-requests';

export interface EmailMessage {
  to: string;
  subject: string;
  body: string;
}

export async function sendEmail(db: Db, message: EmailMessage): Promise<void> {
  console.log(`[email] to ${message.to}: ${message.subject}\n${message.body}`);
  await addToOutbox(db, message);
}
