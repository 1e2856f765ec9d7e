// Apps and a closing account: nothing acts for it, nothing it registered acts for anyone.
import type { OAuthHelpers } from '@cloudflare/workers-oauth-provider';
import { forgetAppsOf } from '../store/apps';
import type { Db } from '../store/db';

export async function endAppsOf(db: Db, oauth: OAuthHelpers, accountId: number): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await oauth.listUserGrants(String(accountId), cursor ? { cursor } : {});
    for (const grant of page.items) await oauth.revokeGrant(grant.id, String(accountId));
    cursor = page.cursor;
  } while (cursor);
  // Deleting a client revokes what every person allowed it.
  for (const clientId of await forgetAppsOf(db, accountId)) await oauth.deleteClient(clientId);
}
