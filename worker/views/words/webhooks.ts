// Webhooks' words: the settings page where a creator adds endpoints and reads the delivery log,
// and the email that says an endpoint was disabled, in every language of the site.
import type { SiteLang } from '.';

export interface WebhookWords {
  title: string;
  intro: string;
  events: string;
  none: string;
  urlLabel: string;
  urlHint: string;
  add: string;
  added: string;
  secretOnce: string;
  secretLabel: string;
  active: string;
  disabled: (why: string) => string;
  enable: string;
  enabled: string;
  remove: string;
  removed: string;
  logH: string;
  logNone: string;
  status: { pending: string; delivered: string; failed: string };
  attempts: (n: number) => string;
  disabledSubject: string;
  disabledMail: (url: string, attempts: number, why: string) => string;
  link: string;
}

const en: WebhookWords = {
  title: 'Webhooks',
  intro: 'Kudos posts to your server what happens to your things and your money, signed the Standard Webhooks way (docs/webhooks.md).',
  events: 'Events: kudos.received, month.settled, payout.paid, payout.failed.',
  none: 'No endpoint yet.',
  urlLabel: 'Endpoint address',
  urlHint: 'https://, or http:// on localhost while developing.',
  add: 'Add endpoint',
  added: 'Endpoint added.',
  secretOnce: 'Its signing secret, shown only now: keep it on your server to verify each request.',
  secretLabel: 'Signing secret',
  active: 'active',
  disabled: (why) => `disabled: ${why}`,
  enable: 'Turn on again',
  enabled: 'Endpoint on again.',
  remove: 'Remove',
  removed: 'Endpoint removed.',
  logH: 'Latest deliveries',
  logNone: 'Nothing sent yet.',
  status: { pending: 'on its way', delivered: 'delivered', failed: 'failed' },
  attempts: (n) => (n === 1 ? '1 attempt' : `${n} attempts`),
  disabledSubject: 'Your Kudos webhook endpoint was turned off',
  disabledMail: (url, attempts, why) =>
    `Kudos could not deliver to ${url} in ${attempts} attempts over about a day (last: ${why}), so it stopped sending there. Fix your server, then turn the endpoint on again on your Webhooks page.`,
  link: 'Webhooks',
};

const de: WebhookWords = {
  title: 'Webhooks',
  intro: 'Kudos sendet deinem Server, was mit deinen Dingen und deinem Geld geschieht, signiert nach Standard Webhooks (docs/webhooks.md).',
  events: 'Ereignisse: kudos.received, month.settled, payout.paid, payout.failed.',
  none: 'Noch kein Endpunkt.',
  urlLabel: 'Adresse des Endpunkts',
  urlHint: 'https://, oder http:// auf localhost beim Entwickeln.',
  add: 'Endpunkt hinzufügen',
  added: 'Endpunkt hinzugefügt.',
  secretOnce: 'Sein Signaturgeheimnis, nur jetzt gezeigt: bewahre es auf deinem Server auf, um jede Anfrage zu prüfen.',
  secretLabel: 'Signaturgeheimnis',
  active: 'aktiv',
  disabled: (why) => `abgeschaltet: ${why}`,
  enable: 'Wieder einschalten',
  enabled: 'Endpunkt wieder eingeschaltet.',
  remove: 'Entfernen',
  removed: 'Endpunkt entfernt.',
  logH: 'Letzte Zustellungen',
  logNone: 'Noch nichts gesendet.',
  status: { pending: 'unterwegs', delivered: 'zugestellt', failed: 'fehlgeschlagen' },
  attempts: (n) => (n === 1 ? '1 Versuch' : `${n} Versuche`),
  disabledSubject: 'Dein Kudos-Webhook-Endpunkt wurde abgeschaltet',
  disabledMail: (url, attempts, why) =>
    `Kudos konnte ${url} in ${attempts} Versuchen über etwa einen Tag nicht erreichen (zuletzt: ${why}) und sendet nicht mehr dorthin. Repariere deinen Server und schalte den Endpunkt auf deiner Webhooks-Seite wieder ein.`,
  link: 'Webhooks',
};

const sv: WebhookWords = {
  title: 'Webhooks',
  intro: 'Kudos skickar till din server vad som händer med dina saker och dina pengar, signerat enligt Standard Webhooks (docs/webhooks.md).',
  events: 'Händelser: kudos.received, month.settled, payout.paid, payout.failed.',
  none: 'Ingen slutpunkt än.',
  urlLabel: 'Slutpunktens adress',
  urlHint: 'https://, eller http:// på localhost under utveckling.',
  add: 'Lägg till slutpunkt',
  added: 'Slutpunkten är tillagd.',
  secretOnce: 'Dess signeringshemlighet, visas bara nu: spara den på din server för att kontrollera varje anrop.',
  secretLabel: 'Signeringshemlighet',
  active: 'aktiv',
  disabled: (why) => `avstängd: ${why}`,
  enable: 'Slå på igen',
  enabled: 'Slutpunkten är på igen.',
  remove: 'Ta bort',
  removed: 'Slutpunkten är borttagen.',
  logH: 'Senaste leveranser',
  logNone: 'Inget skickat än.',
  status: { pending: 'på väg', delivered: 'levererad', failed: 'misslyckad' },
  attempts: (n) => (n === 1 ? '1 försök' : `${n} försök`),
  disabledSubject: 'Din Kudos-webhook-slutpunkt stängdes av',
  disabledMail: (url, attempts, why) =>
    `Kudos kunde inte leverera till ${url} på ${attempts} försök under ungefär ett dygn (senast: ${why}) och slutade skicka dit. Laga din server och slå på slutpunkten igen på din Webhooks-sida.`,
  link: 'Webhooks',
};

export const WEBHOOK_WORDS: Record<SiteLang, WebhookWords> = { en, de, sv };
