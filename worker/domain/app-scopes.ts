// What an app a person allowed may do for them (OAuth scopes). Everything else, money in and
// out, the account's security, closing it, stays with the person signed in on Kudos.
export const APP_SCOPES = ['read', 'give', 'things'] as const;

/** `read`: the account, its kudos and stats; `give`: give kudos (and subscribe); `things`: register things. */
export type AppScope = (typeof APP_SCOPES)[number];

export const isAppScope = (scope: string): scope is AppScope => (APP_SCOPES as readonly string[]).includes(scope);
