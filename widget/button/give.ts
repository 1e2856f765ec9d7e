// What a click on the button does, step by step:
// 1. In a cross-site frame the session cookie may be blocked; ask for storage access from the click.
// 2. Signed in, funded, and the person confirmed this site before: record the click right here.
// 3. Anything else (signed out, first time on this site, no budget, no storage access): open the
//    first-party popup on Kudos, which signs in, confirms, records and reports back.
import type { ButtonCounts } from '../common/protocol';
import type { ButtonBoot, ButtonView } from '../common/boot';

function thingQuery(boot: ButtonBoot, site: string | null): string {
  const query = new URLSearchParams({ owner: boot.owner, url: boot.url, title: boot.title });
  if (site) query.set('site', site);
  return query.toString();
}

/** Storage access for this document, asked for if the browser knows the API and lacks it. */
export async function gainStorageAccess(): Promise<boolean> {
  if (!('requestStorageAccess' in document)) return false;
  if (await document.hasStorageAccess()) return false; // we had it all along: nothing new
  try {
    await document.requestStorageAccess();
    return true;
  } catch {
    return false;
  }
}

/**
 * Chromium remembers a grant per (Kudos, blog) pair, but each new document must ask again;
 * without a prompt or a click once granted. So a button loaded after a grant can show the
 * viewer's real state straight away.
 */
export async function storageAccessGranted(): Promise<boolean> {
  if (!('requestStorageAccess' in document) || (await document.hasStorageAccess())) return false;
  try {
    const permission = await navigator.permissions.query({ name: 'storage-access' as PermissionName });
    if (permission.state !== 'granted') return false;
    await document.requestStorageAccess();
    return true;
  } catch {
    return false;
  }
}

export async function fetchView(boot: ButtonBoot, site: string | null): Promise<ButtonView> {
  const res = await fetch(`/button/state?${thingQuery(boot, site)}`, { credentials: 'include' });
  if (!res.ok) throw new Error(`state: ${res.status}`);
  return (await res.json()) as ButtonView;
}

export type ClickResult = { recorded: true; counts: ButtonCounts } | { recorded: false; counts: ButtonCounts | null; needsPopup: boolean };

/** Records the click from inside the iframe; the server checks session, rules and site again. */
export async function clickHere(boot: ButtonBoot, site: string): Promise<ClickResult> {
  const res = await fetch('/button/click', {
    method: 'POST',
    credentials: 'include',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ owner: boot.owner, url: boot.url, title: boot.title, site }),
  });
  const body = (await res.json().catch(() => null)) as Partial<ButtonView> | null;
  if (res.status === 201) return { recorded: true, counts: body!.counts! };
  // 200: already given (or own): nothing new, but the counts are fresh. 401/402/428: the popup can help.
  return { recorded: false, counts: body?.counts ?? null, needsPopup: res.status !== 200 };
}

export function openPopup(boot: ButtonBoot, site: string | null): Window | null {
  const width = 440;
  const height = 600;
  const left = Math.max(0, (screen.width - width) / 2);
  const top = Math.max(0, (screen.height - height) / 3);
  return window.open(
    `/give?${thingQuery(boot, site)}&lang=${boot.look.lang}&popup=1`,
    'kudos-give',
    `popup,width=${width},height=${height},left=${left},top=${top}`,
  );
}
