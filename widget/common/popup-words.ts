// The popup's words, in the language of the button that opened it.
import type { ButtonLang } from './options';

export interface PopupWords {
  title: string;
  by: string;
  firstOnSite: [before: string, after: string];
  fromElsewhere: string;
  email: string;
  password: string;
  signInAndGive: string;
  give: string;
  signedInAs: string;
  newHere: string;
  createAccount: string;
  /** A one-time gift, no account needed (/give/once). */
  giveOnce: string;
  wrongCredentials: string;
  given: string;
  alreadyGiven: string;
  own: string;
  noBudget: string;
  notFunded: string;
  monthSettled: string;
  dashboard: string;
  back: string;
}

export const POPUP_WORDS: Record<ButtonLang, PopupWords> = {
  en: {
    title: 'Give kudos',
    by: 'by',
    firstOnSite: ['This is your first kudos on', '. Continue only if you just clicked a Kudos button there yourself.'],
    fromElsewhere: 'Another site sent you here. Continue only if you meant to give kudos to this.',
    email: 'Email',
    password: 'Password',
    signInAndGive: 'Sign in and give kudos',
    give: 'Give kudos',
    signedInAs: 'Signed in as',
    newHere: 'New here?',
    createAccount: 'Create an account',
    giveOnce: 'Or give once, without an account',
    wrongCredentials: 'Wrong email or password.',
    given: 'Thank you! Your kudos was given.',
    alreadyGiven: 'You already gave kudos to this page this month.',
    own: 'This is your own thing; you cannot give kudos to it.',
    noBudget: 'Set a monthly budget first, then click the button again.',
    notFunded: 'Your balance does not cover your monthly budget; add funds first, then click the button again.',
    monthSettled: 'Your kudos for this month have already been settled; you can give kudos again next month.',
    dashboard: 'Open your Kudos dashboard',
    back: 'Back to the page',
  },
  de: {
    title: 'Kudos geben',
    by: 'von',
    firstOnSite: ['Das sind deine ersten Kudos auf', '. Fahre nur fort, wenn du dort selbst einen Kudos-Knopf geklickt hast.'],
    fromElsewhere: 'Eine andere Seite hat dich hierher geschickt. Fahre nur fort, wenn du dafür Kudos geben wolltest.',
    email: 'E-Mail',
    password: 'Passwort',
    signInAndGive: 'Anmelden und Kudos geben',
    give: 'Kudos geben',
    signedInAs: 'Angemeldet als',
    newHere: 'Neu hier?',
    createAccount: 'Konto anlegen',
    giveOnce: 'Oder einmal geben, ohne Konto',
    wrongCredentials: 'E-Mail oder Passwort stimmt nicht.',
    given: 'Danke! Deine Kudos sind gegeben.',
    alreadyGiven: 'Du hast dafür diesen Monat schon Kudos gegeben.',
    own: 'Das ist dein eigenes Werk; dafür kannst du keine Kudos geben.',
    noBudget: 'Lege zuerst ein Monatsbudget fest und klicke dann erneut.',
    notFunded: 'Dein Guthaben deckt dein Monatsbudget nicht; zahle zuerst ein und klicke dann erneut.',
    monthSettled: 'Deine Kudos für diesen Monat sind bereits abgerechnet; nächsten Monat kannst du wieder Kudos geben.',
    dashboard: 'Zu deinem Kudos-Konto',
    back: 'Zurück zur Seite',
  },
  sv: {
    title: 'Ge kudos',
    by: 'av',
    firstOnSite: ['Det här är dina första kudos på', '. Fortsätt bara om du själv just klickade på en Kudos-knapp där.'],
    fromElsewhere: 'En annan webbplats skickade dig hit. Fortsätt bara om du ville ge kudos till detta.',
    email: 'E-post',
    password: 'Lösenord',
    signInAndGive: 'Logga in och ge kudos',
    give: 'Ge kudos',
    signedInAs: 'Inloggad som',
    newHere: 'Ny här?',
    createAccount: 'Skapa ett konto',
    giveOnce: 'Eller ge en gång, utan konto',
    wrongCredentials: 'Fel e-post eller lösenord.',
    given: 'Tack! Dina kudos är givna.',
    alreadyGiven: 'Du har redan gett kudos till detta den här månaden.',
    own: 'Det här är ditt eget verk; du kan inte ge kudos till det.',
    noBudget: 'Ställ först in en månadsbudget och klicka sedan igen.',
    notFunded: 'Ditt saldo täcker inte din månadsbudget; sätt in pengar först och klicka sedan igen.',
    monthSettled: 'Dina kudos för den här månaden är redan avräknade; du kan ge kudos igen nästa månad.',
    dashboard: 'Öppna ditt Kudos-konto',
    back: 'Tillbaka till sidan',
  },
};
