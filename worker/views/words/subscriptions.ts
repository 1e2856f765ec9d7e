// Subscriptions' words ("give to this thing every month") in every language of the site, kept
// apart from the shared tables like the payday record's: the same shape in en, de and sv.
import type { SiteLang } from '.';

export interface SubscriptionWords {
  title: string;
  intro: string;
  none: string;
  running: string;
  ended: string;
  /** How long: 3, 6 or 12 months, or until stopped. */
  length: (months: number | null) => string;
  given: (months: number) => string;
  next: (month: string) => string;
  /** Why the last month due gave nothing, by the click's refusal code. */
  refused: (code: string) => string;
  endedWhy: { stopped: string; finished: string; cannot_continue: string };
  stop: string;
  /** The thing page's form. */
  formH: string;
  formIntro: string;
  forLabel: string;
  start: string;
  started: (title: string) => string;
  startedNotThisMonth: (title: string, why: string) => string;
  stopped: string;
  chooseThingAndMonths: string;
  /** The dashboard's link. */
  link: string;
}

const en: SubscriptionWords = {
  title: 'Subscriptions',
  intro: 'Things you give kudos to every month without a click: on each 1st, by the same rules as a click, from your monthly budget.',
  none: 'No subscriptions yet. On the page of a thing you like, choose "Give every month".',
  running: 'Running',
  ended: 'Ended',
  length: (m) => (m === null ? 'until you stop it' : `for ${m} months`),
  given: (m) => (m === 1 ? 'given 1 month' : `given ${m} months`),
  next: (month) => `next: ${month}`,
  refused: (code) =>
    ({
      no_budget: 'last month gave nothing: you have no monthly budget',
      not_funded: 'last month gave nothing: your balance was too low',
      debt_outstanding: 'last month gave nothing: a refund or dispute must be repaid first',
      month_settled: 'last month gave nothing: that month was already settled',
    })[code] ?? `last month gave nothing (${code})`,
  endedWhy: { stopped: 'stopped', finished: 'its months are over', cannot_continue: 'this thing can no longer receive your kudos' },
  stop: 'Stop',
  formH: 'Give every month',
  formIntro: "Your kudos for this, now and on each 1st, by the same rules as a click. This month's kudos are given at once.",
  forLabel: 'For how long',
  start: 'Give every month',
  started: (title) => `You give kudos to "${title}" every month, starting with this one.`,
  startedNotThisMonth: (title, why) => `You give kudos to "${title}" every month from the next 1st; this month ${why.replace(/^last month /, '')}.`,
  stopped: 'Subscription stopped. Kudos already given stay.',
  chooseThingAndMonths: 'Choose a thing and how long to give to it every month.',
  link: 'Your subscriptions',
};

const de: SubscriptionWords = {
  title: 'Abos',
  intro: 'Dinge, denen du jeden Monat ohne Klick Kudos gibst: an jedem 1., nach denselben Regeln wie ein Klick, aus deinem Monatsbudget.',
  none: 'Noch keine Abos. Wähle auf der Seite eines Dings, das dir gefällt, „Jeden Monat geben“.',
  running: 'Laufend',
  ended: 'Beendet',
  length: (m) => (m === null ? 'bis du es beendest' : `für ${m} Monate`),
  given: (m) => (m === 1 ? '1 Monat gegeben' : `${m} Monate gegeben`),
  next: (month) => `nächster: ${month}`,
  refused: (code) =>
    ({
      no_budget: 'letzter Monat gab nichts: du hast kein Monatsbudget',
      not_funded: 'letzter Monat gab nichts: dein Guthaben war zu niedrig',
      debt_outstanding: 'letzter Monat gab nichts: erst muss eine Rückbuchung ausgeglichen werden',
      month_settled: 'letzter Monat gab nichts: der Monat war schon abgerechnet',
    })[code] ?? `letzter Monat gab nichts (${code})`,
  endedWhy: { stopped: 'beendet', finished: 'seine Monate sind vorbei', cannot_continue: 'dieses Ding kann deine Kudos nicht mehr erhalten' },
  stop: 'Beenden',
  formH: 'Jeden Monat geben',
  formIntro: 'Deine Kudos hierfür, jetzt und an jedem 1., nach denselben Regeln wie ein Klick. Die Kudos dieses Monats gehen sofort raus.',
  forLabel: 'Wie lange',
  start: 'Jeden Monat geben',
  started: (title) => `Du gibst „${title}“ jeden Monat Kudos, angefangen mit diesem.`,
  startedNotThisMonth: (title, why) => `Du gibst „${title}“ ab dem nächsten 1. jeden Monat Kudos; diesen Monat: ${why.replace(/^letzter Monat /, '')}.`,
  stopped: 'Abo beendet. Schon gegebene Kudos bleiben.',
  chooseThingAndMonths: 'Wähle ein Ding und wie lange du ihm jeden Monat gibst.',
  link: 'Deine Abos',
};

const sv: SubscriptionWords = {
  title: 'Prenumerationer',
  intro: 'Saker du ger kudos varje månad utan klick: den 1:a varje månad, enligt samma regler som ett klick, från din månadsbudget.',
  none: 'Inga prenumerationer än. Välj ”Ge varje månad” på sidan för något du gillar.',
  running: 'Pågående',
  ended: 'Avslutade',
  length: (m) => (m === null ? 'tills du avslutar den' : `i ${m} månader`),
  given: (m) => (m === 1 ? 'gett 1 månad' : `gett ${m} månader`),
  next: (month) => `nästa: ${month}`,
  refused: (code) =>
    ({
      no_budget: 'förra månaden gav inget: du har ingen månadsbudget',
      not_funded: 'förra månaden gav inget: ditt saldo var för lågt',
      debt_outstanding: 'förra månaden gav inget: en återbetalning eller tvist måste betalas först',
      month_settled: 'förra månaden gav inget: månaden var redan avräknad',
    })[code] ?? `förra månaden gav inget (${code})`,
  endedWhy: { stopped: 'avslutad', finished: 'dess månader är slut', cannot_continue: 'den här saken kan inte längre ta emot dina kudos' },
  stop: 'Avsluta',
  formH: 'Ge varje månad',
  formIntro: 'Dina kudos för detta, nu och den 1:a varje månad, enligt samma regler som ett klick. Den här månadens kudos ges direkt.',
  forLabel: 'Hur länge',
  start: 'Ge varje månad',
  started: (title) => `Du ger ”${title}” kudos varje månad, med början i den här.`,
  startedNotThisMonth: (title, why) => `Du ger ”${title}” kudos varje månad från nästa 1:a; den här månaden: ${why.replace(/^förra månaden /, '')}.`,
  stopped: 'Prenumerationen avslutad. Redan givna kudos ligger kvar.',
  chooseThingAndMonths: 'Välj en sak och hur länge du ger till den varje månad.',
  link: 'Dina prenumerationer',
};

export const SUBSCRIPTION_WORDS: Record<SiteLang, SubscriptionWords> = { en, de, sv };
