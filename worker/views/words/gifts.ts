// One-time gifts' words: the page where a reader, member or not, gives an amount once to a thing,
// the thank-you page and the email, in every language of the site.
import type { SiteLang } from '.';

export interface GiftWords {
  title: string;
  heading: (title: string, owner: string) => string;
  intro: string;
  amountLabel: (min: string) => string;
  emailLabel: string;
  emailHint: string;
  /** The terms, said before paying: of `amount`, the fee and what the owner gets; the card cost on top. */
  terms: (p: { amount: string; fee: string; toOwner: string; owner: string; card: string; feePercent: number }) => string;
  held: (owner: string) => string;
  pay: string;
  thanksTitle: string;
  thanks: string;
  thanksSubject: string;
  thanksMail: (amount: string, title: string, owner: string) => string;
  activateMail: string;
  activateLink: string;
}

const en: GiftWords = {
  title: 'Give once',
  heading: (title, owner) => `Give once to “${title}” by @${owner}`,
  intro: 'No account needed: pay once by card, and Kudos passes it on at the next monthly settlement.',
  amountLabel: (min) => `Amount (at least ${min})`,
  emailLabel: 'Your email',
  emailHint: 'For the receipt. Kudos keeps your gift in an account for this address; set a password from the email to use it.',
  terms: ({ amount, fee, toOwner, owner, card, feePercent }) =>
    `Of ${amount}, Kudos keeps ${feePercent}% (${fee}) and @${owner} gets ${toOwner}. The card cost (${card} for ${amount}) is added when you pay.`,
  held: (owner) => `@${owner} has not claimed this page yet: your gift is held for them until they do.`,
  pay: 'Pay by card',
  thanksTitle: 'Thank you',
  thanks: 'Thank you! Your gift is booked once the payment is confirmed; a receipt is on its way to your email.',
  thanksSubject: 'Thank you for your gift on Kudos',
  thanksMail: (amount, title, owner) =>
    `Thank you for giving ${amount} to “${title}” by @${owner}. It reaches them at the next monthly settlement, less Kudos' fee.`,
  activateMail: 'Your gift made you a Kudos account for this address. Set a password to use it: to give every month with one click, and to see your gifts.',
  activateLink: 'Set your password',
};

const de: GiftWords = {
  title: 'Einmal geben',
  heading: (title, owner) => `Einmal geben für „${title}“ von @${owner}`,
  intro: 'Kein Konto nötig: einmal mit Karte zahlen, und Kudos gibt es bei der nächsten Monatsabrechnung weiter.',
  amountLabel: (min) => `Betrag (mindestens ${min})`,
  emailLabel: 'Deine E-Mail',
  emailHint: 'Für die Quittung. Kudos führt dein Geschenk in einem Konto für diese Adresse; setze über die E-Mail ein Passwort, um es zu nutzen.',
  terms: ({ amount, fee, toOwner, owner, card, feePercent }) =>
    `Von ${amount} behält Kudos ${feePercent} % (${fee}) und @${owner} bekommt ${toOwner}. Die Kartengebühr (${card} bei ${amount}) kommt beim Zahlen dazu.`,
  held: (owner) => `@${owner} hat diese Seite noch nicht beansprucht: dein Geschenk wird für sie oder ihn aufbewahrt, bis es so weit ist.`,
  pay: 'Mit Karte zahlen',
  thanksTitle: 'Danke',
  thanks: 'Danke! Dein Geschenk wird gebucht, sobald die Zahlung bestätigt ist; eine Quittung ist auf dem Weg zu deiner E-Mail.',
  thanksSubject: 'Danke für dein Geschenk auf Kudos',
  thanksMail: (amount, title, owner) =>
    `Danke, dass du ${amount} für „${title}“ von @${owner} gegeben hast. Es kommt bei der nächsten Monatsabrechnung an, abzüglich der Gebühr von Kudos.`,
  activateMail:
    'Dein Geschenk hat dir ein Kudos-Konto für diese Adresse angelegt. Setze ein Passwort, um es zu nutzen: um jeden Monat mit einem Klick zu geben und deine Geschenke zu sehen.',
  activateLink: 'Passwort setzen',
};

const sv: GiftWords = {
  title: 'Ge en gång',
  heading: (title, owner) => `Ge en gång till ”${title}” av @${owner}`,
  intro: 'Inget konto behövs: betala en gång med kort, så skickar Kudos det vidare vid nästa månadsavräkning.',
  amountLabel: (min) => `Belopp (minst ${min})`,
  emailLabel: 'Din e-post',
  emailHint: 'För kvittot. Kudos håller din gåva i ett konto för den här adressen; sätt ett lösenord via mejlet för att använda det.',
  terms: ({ amount, fee, toOwner, owner, card, feePercent }) =>
    `Av ${amount} behåller Kudos ${feePercent} % (${fee}) och @${owner} får ${toOwner}. Kortavgiften (${card} för ${amount}) läggs till när du betalar.`,
  held: (owner) => `@${owner} har inte gjort anspråk på sidan än: din gåva hålls åt dem tills de gör det.`,
  pay: 'Betala med kort',
  thanksTitle: 'Tack',
  thanks: 'Tack! Din gåva bokas när betalningen är bekräftad; ett kvitto är på väg till din e-post.',
  thanksSubject: 'Tack för din gåva på Kudos',
  thanksMail: (amount, title, owner) =>
    `Tack för att du gav ${amount} till ”${title}” av @${owner}. Det når dem vid nästa månadsavräkning, minus Kudos avgift.`,
  activateMail:
    'Din gåva skapade ett Kudos-konto för den här adressen. Sätt ett lösenord för att använda det: för att ge varje månad med ett klick och se dina gåvor.',
  activateLink: 'Sätt ditt lösenord',
};

export const GIFT_WORDS: Record<SiteLang, GiftWords> = { en, de, sv };
