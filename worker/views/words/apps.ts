// Apps' words: the consent page an app sends a person to, and /apps (the apps a person allowed,
// and those they registered), in every language of the site.
import type { SiteLang } from '.';
import type { AppScope } from '../../domain/app-scopes';

export interface AppWords {
  /** The consent page. */
  consentTitle: (app: string) => string;
  consentH: (app: string) => string;
  /** Whose name the app's is: registered on Kudos by a person, or by the app itself (unverified). */
  registeredBy: (handle: string) => string;
  selfRegistered: string;
  sendsTo: (host: string) => string;
  loopbackWarning: string;
  mayLabel: string;
  scope: Record<AppScope, string>;
  never: string;
  allow: string;
  deny: string;
  signedInAs: (handle: string) => string;
  requestBroken: string;
  expired: string;
  /** /apps */
  title: string;
  intro: string;
  allowedH: string;
  noneAllowed: string;
  allowedOn: (date: string) => string;
  revoke: string;
  revoked: (app: string) => string;
  ownH: string;
  ownIntro: string;
  noneOwn: string;
  nameLabel: string;
  redirectLabel: string;
  redirectHint: string;
  kindLabel: string;
  kindPublic: string;
  kindConfidential: string;
  register: string;
  registered: (app: string) => string;
  secretOnce: string;
  clientIdLabel: string;
  secretLabel: string;
  deleteApp: string;
  deleted: (app: string) => string;
  redirectRefused: string;
  link: string;
}

const en: AppWords = {
  consentTitle: (app) => `Allow ${app}?`,
  consentH: (app) => `Allow ${app} to act for you on Kudos?`,
  registeredBy: (handle) => `Registered on Kudos by @${handle}.`,
  selfRegistered: 'This app registered itself: its name is not verified.',
  sendsTo: (host) => `Access goes to ${host}.`,
  loopbackWarning: 'This sends access to a program on your own computer. Go on only if you just started signing in from it.',
  mayLabel: 'It may:',
  scope: {
    read: 'see your account: balance, budget, the kudos you gave, your things and their counts',
    give: 'give kudos from your monthly budget, by the same rules as your clicks, and give to a thing every month',
    things: 'register things in your name',
  },
  never: 'It can never add or take out money, change your password or email, or close your account. You can take its access back at any time on the Apps page.',
  allow: 'Allow',
  deny: 'Deny',
  signedInAs: (handle) => `You are signed in as @${handle}.`,
  requestBroken: 'This app sent a request Kudos cannot accept, so nothing was allowed. Go back to the app and try again.',
  expired: 'This page has expired or was opened in another browser: nothing was allowed. Start again from the app.',
  title: 'Apps',
  intro: 'Apps you allowed to act for you, and apps you registered to act for others.',
  allowedH: 'Apps you allowed',
  noneAllowed: 'No app may act for you.',
  allowedOn: (date) => `allowed on ${date}`,
  revoke: 'Take access back',
  revoked: (app) => `${app} can no longer act for you.`,
  ownH: 'Your apps',
  ownIntro: 'Building an app that gives for its users? Register it here, or let it register itself (docs/apps.md).',
  noneOwn: 'You have registered no app.',
  nameLabel: 'Name',
  redirectLabel: 'Redirect address',
  redirectHint: 'https://, or http:// on localhost while developing.',
  kindLabel: 'Kind',
  kindPublic: 'runs on people’s devices (no secret, PKCE)',
  kindConfidential: 'runs on a server (with a secret)',
  register: 'Register app',
  registered: (app) => `${app} is registered.`,
  secretOnce: 'Copy the secret now: it is shown only this once.',
  clientIdLabel: 'Client id',
  secretLabel: 'Secret',
  deleteApp: 'Delete',
  deleted: (app) => `${app} is deleted, and every access it had is gone.`,
  redirectRefused: 'The redirect address must be https://, or http:// on localhost.',
  link: 'Apps',
};

const de: AppWords = {
  consentTitle: (app) => `${app} erlauben?`,
  consentH: (app) => `Darf ${app} auf Kudos für dich handeln?`,
  registeredBy: (handle) => `Auf Kudos registriert von @${handle}.`,
  selfRegistered: 'Diese App hat sich selbst registriert: ihr Name ist nicht geprüft.',
  sendsTo: (host) => `Der Zugang geht an ${host}.`,
  loopbackWarning: 'Das gibt einem Programm auf deinem eigenen Computer Zugang. Mach nur weiter, wenn du die Anmeldung gerade dort begonnen hast.',
  mayLabel: 'Sie darf:',
  scope: {
    read: 'dein Konto sehen: Guthaben, Budget, deine gegebenen Kudos, deine Dinge und ihre Zahlen',
    give: 'Kudos aus deinem Monatsbudget geben, nach denselben Regeln wie deine Klicks, und einem Ding jeden Monat geben',
    things: 'Dinge in deinem Namen registrieren',
  },
  never:
    'Sie kann nie Geld einzahlen oder auszahlen, dein Passwort oder deine E-Mail ändern oder dein Konto schließen. Du kannst ihr den Zugang jederzeit auf der Seite „Apps“ wieder entziehen.',
  allow: 'Erlauben',
  deny: 'Ablehnen',
  signedInAs: (handle) => `Du bist als @${handle} angemeldet.`,
  requestBroken: 'Diese App hat eine Anfrage gesendet, die Kudos nicht annehmen kann; nichts wurde erlaubt. Geh zurück zur App und versuche es noch einmal.',
  expired: 'Diese Seite ist abgelaufen oder wurde in einem anderen Browser geöffnet: nichts wurde erlaubt. Fang in der App neu an.',
  title: 'Apps',
  intro: 'Apps, die für dich handeln dürfen, und Apps, die du registriert hast, um für andere zu handeln.',
  allowedH: 'Apps, die du erlaubt hast',
  noneAllowed: 'Keine App darf für dich handeln.',
  allowedOn: (date) => `erlaubt am ${date}`,
  revoke: 'Zugang entziehen',
  revoked: (app) => `${app} kann nicht mehr für dich handeln.`,
  ownH: 'Deine Apps',
  ownIntro: 'Du baust eine App, die für ihre Nutzer gibt? Registriere sie hier, oder lass sie sich selbst registrieren (docs/apps.md).',
  noneOwn: 'Du hast keine App registriert.',
  nameLabel: 'Name',
  redirectLabel: 'Weiterleitungsadresse',
  redirectHint: 'https://, oder http:// auf localhost beim Entwickeln.',
  kindLabel: 'Art',
  kindPublic: 'läuft auf Geräten der Leute (ohne Geheimnis, PKCE)',
  kindConfidential: 'läuft auf einem Server (mit Geheimnis)',
  register: 'App registrieren',
  registered: (app) => `${app} ist registriert.`,
  secretOnce: 'Kopiere das Geheimnis jetzt: es wird nur dieses eine Mal gezeigt.',
  clientIdLabel: 'Client-ID',
  secretLabel: 'Geheimnis',
  deleteApp: 'Löschen',
  deleted: (app) => `${app} ist gelöscht, und jeder Zugang, den sie hatte, ist weg.`,
  redirectRefused: 'Die Weiterleitungsadresse muss mit https:// beginnen, oder http:// auf localhost.',
  link: 'Apps',
};

const sv: AppWords = {
  consentTitle: (app) => `Tillåta ${app}?`,
  consentH: (app) => `Får ${app} agera åt dig på Kudos?`,
  registeredBy: (handle) => `Registrerad på Kudos av @${handle}.`,
  selfRegistered: 'Den här appen registrerade sig själv: dess namn är inte kontrollerat.',
  sendsTo: (host) => `Åtkomsten går till ${host}.`,
  loopbackWarning: 'Det här ger ett program på din egen dator åtkomst. Fortsätt bara om du just började logga in därifrån.',
  mayLabel: 'Den får:',
  scope: {
    read: 'se ditt konto: saldo, budget, dina givna kudos, dina saker och deras siffror',
    give: 'ge kudos ur din månadsbudget, med samma regler som dina klick, och ge till en sak varje månad',
    things: 'registrera saker i ditt namn',
  },
  never:
    'Den kan aldrig sätta in eller ta ut pengar, byta ditt lösenord eller din e-post eller stänga ditt konto. Du kan ta tillbaka åtkomsten när som helst på sidan Appar.',
  allow: 'Tillåt',
  deny: 'Neka',
  signedInAs: (handle) => `Du är inloggad som @${handle}.`,
  requestBroken: 'Appen skickade en begäran som Kudos inte kan ta emot, så inget tilläts. Gå tillbaka till appen och försök igen.',
  expired: 'Sidan har gått ut eller öppnades i en annan webbläsare: inget tilläts. Börja om från appen.',
  title: 'Appar',
  intro: 'Appar du tillåtit att agera åt dig, och appar du registrerat för att agera åt andra.',
  allowedH: 'Appar du tillåtit',
  noneAllowed: 'Ingen app får agera åt dig.',
  allowedOn: (date) => `tillåten ${date}`,
  revoke: 'Ta tillbaka åtkomst',
  revoked: (app) => `${app} kan inte längre agera åt dig.`,
  ownH: 'Dina appar',
  ownIntro: 'Bygger du en app som ger åt sina användare? Registrera den här, eller låt den registrera sig själv (docs/apps.md).',
  noneOwn: 'Du har inte registrerat någon app.',
  nameLabel: 'Namn',
  redirectLabel: 'Omdirigeringsadress',
  redirectHint: 'https://, eller http:// på localhost under utveckling.',
  kindLabel: 'Slag',
  kindPublic: 'körs på folks enheter (ingen hemlighet, PKCE)',
  kindConfidential: 'körs på en server (med hemlighet)',
  register: 'Registrera app',
  registered: (app) => `${app} är registrerad.`,
  secretOnce: 'Kopiera hemligheten nu: den visas bara den här gången.',
  clientIdLabel: 'Klient-id',
  secretLabel: 'Hemlighet',
  deleteApp: 'Ta bort',
  deleted: (app) => `${app} är borttagen, och all åtkomst den hade är borta.`,
  redirectRefused: 'Omdirigeringsadressen måste börja med https://, eller http:// på localhost.',
  link: 'Appar',
};

export const APP_WORDS: Record<SiteLang, AppWords> = { en, de, sv };
