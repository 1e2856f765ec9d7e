// Apps acting for people: the consent page an app sends a person to (/authorize), and /apps.
// Everything an app told about itself (its name, where access goes) is the app's claim: the page
// says so, and preact escapes it like any text.
import { APP_SCOPES } from '../domain/app-scopes';
import type { AppWords } from './words/apps';

export interface ConsentFacts {
  appName: string;
  /** The person who registered the app on /apps; null for an app that registered itself. */
  registeredBy: string | null;
  redirectHost: string;
  redirectIsLoopback: boolean;
  /** What the app asks for, each a scope Kudos knows. */
  scopes: string[];
  handle: string;
  viewer: string;
}

export function ConsentPage({ facts, w }: { facts: ConsentFacts; w: AppWords }) {
  return (
    <section class="card" aria-labelledby="consent-h">
      <h1 id="consent-h">{w.consentH(facts.appName)}</h1>
      <p>
        {facts.registeredBy ? w.registeredBy(facts.registeredBy) : w.selfRegistered} {w.sendsTo(facts.redirectHost)}
      </p>
      {facts.redirectIsLoopback && (
        <p class="flash error" data-testid="loopback-warning">
          {w.loopbackWarning}
        </p>
      )}
      <form class="stack wide" method="post" action="/authorize" data-testid="consent-form">
        <input type="hidden" name="handle" value={facts.handle} />
        <fieldset>
          <legend>{w.mayLabel}</legend>
          {APP_SCOPES.filter((scope) => facts.scopes.includes(scope)).map((scope) => (
            <label class="choice">
              <input type="checkbox" name={`scope_${scope}`} checked /> {w.scope[scope]}
            </label>
          ))}
        </fieldset>
        <p class="muted">{w.never}</p>
        <p class="muted">{w.signedInAs(facts.viewer)}</p>
        <button type="submit" name="decision" value="approve">
          {w.allow}
        </button>{' '}
        <button type="submit" name="decision" value="deny" class="quiet">
          {w.deny}
        </button>
      </form>
    </section>
  );
}

/** An app a person allowed, as /apps lists it. */
export interface AllowedApp {
  grantId: string;
  name: string;
  scopes: string[];
  allowedOn: string;
}

/** An app a person registered. */
export interface OwnAppRow {
  clientId: string;
  name: string;
  redirectUris: string[];
  public: boolean;
}

/** What registering an app just gave: shown once, the secret never again. */
export interface NewAppCredentials {
  name: string;
  clientId: string;
  secret: string | null;
}

export function AppsPage({ allowed, own, created, w }: { allowed: AllowedApp[]; own: OwnAppRow[]; created?: NewAppCredentials; w: AppWords }) {
  return (
    <>
      <h1>{w.title}</h1>
      <p class="muted">{w.intro}</p>
      <section class="card" aria-labelledby="allowed-h">
        <h2 id="allowed-h">{w.allowedH}</h2>
        {allowed.length === 0 && <p data-testid="no-apps-allowed">{w.noneAllowed}</p>}
        <ul class="plain" data-testid="apps-allowed">
          {allowed.map((a) => (
            <li>
              <strong>{a.name}</strong> <span class="muted">{w.allowedOn(a.allowedOn)}</span>
              <br />
              <span class="muted">{a.scopes.map((s) => (s in w.scope ? w.scope[s as keyof AppWords['scope']] : s)).join('; ')}</span>
              <form method="post" action={`/apps/grants/${encodeURIComponent(a.grantId)}/revoke`} class="inline">
                <button type="submit" class="quiet">
                  {w.revoke}
                </button>
              </form>
            </li>
          ))}
        </ul>
      </section>
      <section class="card" aria-labelledby="own-h">
        <h2 id="own-h">{w.ownH}</h2>
        <p class="muted">{w.ownIntro}</p>
        {created && (
          <div class="flash ok" data-testid="new-app">
            <p>{w.registered(created.name)}</p>
            <p>
              {w.clientIdLabel}: <code data-testid="new-client-id">{created.clientId}</code>
            </p>
            {created.secret && (
              <>
                <p>
                  {w.secretLabel}: <code data-testid="new-client-secret">{created.secret}</code>
                </p>
                <p>{w.secretOnce}</p>
              </>
            )}
          </div>
        )}
        {own.length === 0 && <p>{w.noneOwn}</p>}
        <ul class="plain" data-testid="own-apps">
          {own.map((a) => (
            <li>
              <strong>{a.name}</strong> <code>{a.clientId}</code>
              <br />
              <span class="muted">
                {a.public ? w.kindPublic : w.kindConfidential} · {a.redirectUris.join(', ')}
              </span>
              <form method="post" action={`/apps/${encodeURIComponent(a.clientId)}/delete`} class="inline">
                <button type="submit" class="quiet">
                  {w.deleteApp}
                </button>
              </form>
            </li>
          ))}
        </ul>
        <form class="stack" method="post" action="/apps" data-testid="register-app">
          <label for="app-name">{w.nameLabel}</label>
          <input id="app-name" name="name" required maxLength={100} />
          <label for="app-redirect">{w.redirectLabel}</label>
          <input id="app-redirect" name="redirect_uri" type="url" required maxLength={2000} aria-describedby="app-redirect-hint" />
          <p id="app-redirect-hint" class="muted">
            {w.redirectHint}
          </p>
          <fieldset>
            <legend>{w.kindLabel}</legend>
            <label class="choice">
              <input type="radio" name="kind" value="confidential" checked /> {w.kindConfidential}
            </label>
            <label class="choice">
              <input type="radio" name="kind" value="public" /> {w.kindPublic}
            </label>
          </fieldset>
          <button type="submit">{w.register}</button>
        </form>
      </section>
    </>
  );
}
