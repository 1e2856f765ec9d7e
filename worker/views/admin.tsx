// The admin's pages: sign in with the admin token, then the invite requests and the outbox.
import { utcTime } from './format';

export function AdminSignIn({ error }: { error?: string | undefined }) {
  return (
    <>
      <h1>Admin sign-in</h1>
      <p class="muted">Type the admin token (ADMIN_TOKEN). This browser stays signed in for 30 minutes, on /admin pages only.</p>
      <form class="stack" method="post" action="/admin/session">
        {error && (
          <p class="flash error" role="alert">
            {error}
          </p>
        )}
        <label>
          Admin token
          <input name="token" type="password" required maxLength={200} autocomplete="off" />
        </label>
        <button type="submit">Sign in as admin</button>
      </form>
    </>
  );
}

export interface AdminRequestRow {
  id: number;
  email: string;
  note: string;
  inviterHandle: string | null;
  inviteCode: string | null;
  sentAt: number | null;
  createdAt: number;
  hasAccount: number;
}

export interface OutboxRow {
  id: number;
  toEmail: string;
  subject: string;
  body: string;
  status: string;
  error: string | null;
  attempts: number;
  createdAt: number;
}

export function AdminInviteRequests({ requests, outbox }: { requests: AdminRequestRow[]; outbox: OutboxRow[] }) {
  const waiting = requests.filter((r) => !r.inviteCode).length;
  return (
    <>
      <h1>Invite requests</h1>
      <p>
        {waiting} waiting, {requests.length - waiting} answered.{' '}
        <span class="muted">"Send a code" mints one invite code, stores it against the request and emails it (the outbox below shows it).</span>
      </p>
      {requests.length === 0 ? (
        <p class="muted">Nobody has asked yet.</p>
      ) : (
        <div class="table-wrap">
          <table data-testid="requests">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Note</th>
                <th scope="col">Asked</th>
                <th scope="col">Code</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr data-request={r.id}>
                  <th scope="row">
                    {r.email}
                    {r.hasAccount ? <span class="muted"> (has an account)</span> : null}
                  </th>
                  <td>
                    {r.note || <span class="muted">—</span>}
                    {r.inviterHandle && <span class="muted"> · names @{r.inviterHandle}</span>}
                  </td>
                  <td>{utcTime(r.createdAt)}</td>
                  <td>
                    {r.inviteCode ? (
                      <span data-testid="sent-code">
                        <code>{r.inviteCode}</code> <span class="muted">sent {r.sentAt ? utcTime(r.sentAt) : ''}</span>
                      </span>
                    ) : (
                      <form method="post" action={`/admin/invite-requests/${r.id}/send`}>
                        <button type="submit" aria-label={`Send a code to ${r.email}`}>
                          Send a code
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Outbox</h2>
      <p class="muted">The latest emails Kudos sent, with their delivery result (locally wrangler dev writes each to a file and logs its path).</p>
      {outbox.length === 0 ? (
        <p class="muted">No emails yet.</p>
      ) : (
        <ul class="plain" data-testid="outbox">
          {outbox.map((m) => (
            <li>
              <strong>{m.subject}</strong> → {m.toEmail}{' '}
              <span class="muted">
                · {utcTime(m.createdAt)} · {m.status}
                {m.attempts > 1 ? ` after ${m.attempts} attempts` : ''}
                {m.error ? `: ${m.error}` : ''}
              </span>
              <pre>{m.body}</pre>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action="/admin/session/end">
        <button type="submit" class="quiet">
          Leave admin
        </button>
      </form>
    </>
  );
}
