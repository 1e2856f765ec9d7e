// Kudos given to a thing while it waited for its owner are held (the settle developer's part:
// pledges, paid on claim, returned to the giver after the stated period).
import type { Db } from '../store/db';

/**
 * Releases the kudos held for `thingId` now that its owner claimed it. A no-op stub for now:
 * the settlement branch implements holding and releasing; the lead wires it in at the merge.
 * Every claim (one click on the dashboard, a site verification, a dispute won) calls this once.
 */
export async function releaseHeldKudos(_db: Db, _thingId: number): Promise<void> {}
