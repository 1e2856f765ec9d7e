// What the button check (actions/button-check.ts) finds on a creator's page: shapes only.

export interface PageFindings {
  /** <script src=".../embed.js"> from this Kudos. */
  loader: boolean;
  /** kudos-button links (or the kudos meta tag) naming the handle. */
  buttons: number;
  /** Handles other kudos-button links name. */
  otherOwners: string[];
}

export type CheckResult =
  | { kind: 'working'; url: string; findings: PageFindings }
  | { kind: 'incomplete'; url: string; findings: PageFindings }
  | { kind: 'unreachable'; url: string; reason: string };
