// The front page: what Kudos is, and the way in.
import type { Account } from '../store/accounts';

export function Landing({ viewer, inviteOnly, fees }: { viewer: Account | undefined; inviteOnly: boolean; fees?: string }) {
  return (
    <>
      <h1>Thank the people whose work you enjoy, a little every month.</h1>
      <p>
        Kudos is an open-source re-creation of Flattr. You set a monthly budget. Every time something on the web makes your day, you press its Kudos button. At
        the end of the month your budget is split equally among everything you gave kudos to, and the creators get paid.
      </p>
      <ol>
        <li>Add funds and choose how much to give each month.</li>
        <li>Press Kudos on blogs, videos and projects you like: once per thing per month.</li>
        <li>On the 1st, your budget is shared out; creators see their earnings, to the cent.</li>
      </ol>
      {fees && <p data-testid="fees">{fees}</p>}
      {viewer ? (
        <p>
          <a class="button" href="/dashboard">
            Go to your dashboard
          </a>
        </p>
      ) : (
        <p class="copy-row">
          <a class="button" href="/signup">
            Create an account
          </a>
          <a href="/login">Sign in</a>
          {inviteOnly && <span class="muted">Kudos is invite-only for now: ask someone who uses it for a code.</span>}
        </p>
      )}
      <h2>For creators</h2>
      <p>
        Put a Kudos button on your pages with one script tag, or paste a thing's Kudos page into any CMS that understands oEmbed. Your stats page shows clicks
        and earnings per day and month, and exports them as CSV.
      </p>
    </>
  );
}
