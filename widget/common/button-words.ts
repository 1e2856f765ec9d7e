// The button's words in each language it speaks.
import type { ButtonLang } from './options';

export interface Words {
  give: string;
  given: string;
  own: string;
  addBudget: string;
  /** The label while the viewer's month is settled. */
  settled: string;
  /** Spoken with the count, e.g. "12 kudos". */
  kudos: string;
  signedOut: string;
  noBudget: string;
  thanks: string;
  alreadyGiven: string;
  ownThing: string;
  monthSettled: string;
  covered: string;
  popupBlocked: string;
  failed: string;
}

export const WORDS: Record<ButtonLang, Words> = {
  en: {
    give: 'Give kudos',
    given: 'Given',
    own: 'Yours',
    addBudget: 'Add budget',
    settled: 'Settled',
    kudos: 'kudos',
    signedOut: 'Give kudos on Kudos',
    noBudget: 'Set a funded monthly budget on Kudos first',
    thanks: 'Thank you! Kudos given.',
    alreadyGiven: 'You already gave kudos this month.',
    ownThing: 'This is your own thing.',
    monthSettled: 'This month is settled; give kudos again next month.',
    covered: 'Refused: the button is not fully visible.',
    popupBlocked: 'Allow the Kudos pop-up, then click again.',
    failed: 'That did not work. Try again.',
  },
  de: {
    give: 'Kudos geben',
    given: 'Gegeben',
    own: 'Deins',
    addBudget: 'Budget',
    settled: 'Abgerechnet',
    kudos: 'Kudos',
    signedOut: 'Kudos über Kudos geben',
    noBudget: 'Lege zuerst ein gedecktes Monatsbudget fest',
    thanks: 'Danke! Kudos gegeben.',
    alreadyGiven: 'Du hast diesen Monat schon Kudos gegeben.',
    ownThing: 'Das ist dein eigenes Werk.',
    monthSettled: 'Dieser Monat ist abgerechnet; gib nächsten Monat wieder Kudos.',
    covered: 'Abgelehnt: der Knopf ist nicht ganz sichtbar.',
    popupBlocked: 'Erlaube das Kudos-Fenster und klicke erneut.',
    failed: 'Das hat nicht geklappt. Bitte erneut versuchen.',
  },
  sv: {
    give: 'Ge kudos',
    given: 'Givet',
    own: 'Ditt',
    addBudget: 'Budget',
    settled: 'Avräknat',
    kudos: 'kudos',
    signedOut: 'Ge kudos via Kudos',
    noBudget: 'Ställ först in en täckt månadsbudget',
    thanks: 'Tack! Kudos givet.',
    alreadyGiven: 'Du har redan gett kudos den här månaden.',
    ownThing: 'Det här är ditt eget verk.',
    monthSettled: 'Den här månaden är avräknad; ge kudos igen nästa månad.',
    covered: 'Nekat: knappen syns inte helt.',
    popupBlocked: 'Tillåt Kudos-fönstret och klicka igen.',
    failed: 'Det gick inte. Försök igen.',
  },
};

export type Notice = 'thanks' | 'alreadyGiven' | 'ownThing' | 'monthSettled' | 'covered' | 'popupBlocked' | 'failed';
