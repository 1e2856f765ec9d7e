// /settings/webhooks: a creator's endpoints (add, turn on again, remove) and the latest deliveries.
import { utcTime } from './format';
import type { WebhookWords } from './words/webhooks';

export interface EndpointRow {
  id: number;
  url: string;
  disabledReason: string | null;
}

export interface DeliveryRow {
  id: string;
  event: string;
  url: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: number;
}

export function WebhooksPage({
  endpoints,
  deliveries,
  created,
  w,
}: {
  endpoints: EndpointRow[];
  deliveries: DeliveryRow[];
  created?: { url: string; secret: string };
  w: WebhookWords;
}) {
  return (
    <>
      <h1>{w.title}</h1>
      <p class="muted">
        {w.intro} {w.events}
      </p>
      <section class="card" aria-labelledby="endpoints-h">
        <h2 id="endpoints-h">{w.title}</h2>
        {created && (
          <div class="flash ok" data-testid="new-endpoint">
            <p>
              {w.added} {created.url}
            </p>
            <p>
              {w.secretLabel}: <code data-testid="new-endpoint-secret">{created.secret}</code>
            </p>
            <p>{w.secretOnce}</p>
          </div>
        )}
        {endpoints.length === 0 && <p>{w.none}</p>}
        <ul class="plain" data-testid="endpoints">
          {endpoints.map((e) => (
            <li>
              <code>{e.url}</code> <span class="muted">{e.disabledReason === null ? w.active : w.disabled(e.disabledReason)}</span>
              {e.disabledReason !== null && (
                <form method="post" action={`/settings/webhooks/${e.id}/enable`} class="inline">
                  <button type="submit">{w.enable}</button>
                </form>
              )}
              <form method="post" action={`/settings/webhooks/${e.id}/remove`} class="inline">
                <button type="submit" class="quiet">
                  {w.remove}
                </button>
              </form>
            </li>
          ))}
        </ul>
        <form class="stack" method="post" action="/settings/webhooks" data-testid="add-endpoint">
          <label for="endpoint-url">{w.urlLabel}</label>
          <input id="endpoint-url" name="url" type="url" required maxLength={2000} aria-describedby="endpoint-url-hint" />
          <p id="endpoint-url-hint" class="muted">
            {w.urlHint}
          </p>
          <button type="submit">{w.add}</button>
        </form>
      </section>
      <section class="card" aria-labelledby="log-h">
        <h2 id="log-h">{w.logH}</h2>
        {deliveries.length === 0 && <p>{w.logNone}</p>}
        <ul class="plain" data-testid="deliveries">
          {deliveries.map((d) => (
            <li>
              <code>{d.event}</code> <span class="muted">{utcTime(d.createdAt)}</span>
              <br />
              <span class="muted">
                {w.status[d.status]} · {w.attempts(d.attempts)}
                {d.lastStatus !== null && ` · HTTP ${d.lastStatus}`}
                {d.lastError && ` · ${d.lastError}`} · {d.url}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
