// The payday record's words (/about/stats) in every language of the site, kept apart from the
// shared tables so the page stays one piece: the same shape in en, de and sv.
import type { SiteLang } from '.';

export interface PaydayWords {
  title: string;
  h: string;
  intro: string;
  api: string;
  empty: string;
  latest: string;
  earlier: string;
  givers: string;
  creatorsPaid: string;
  things: string;
  kudos: string;
  given: string;
  fee: string;
  charity: string;
  held: string;
  returned: string;
  kudosAndAmount: (kudos: number, amount: string) => string;
  selfCheck: string;
  checks: (before: string, after: string) => string;
  verdicts: { balanced: string; off: string; unchecked: string };
  /** The footer's link to the page. */
  link: string;
}

const en: PaydayWords = {
  title: 'Payday record',
  h: 'What Kudos moved, month by month',
  intro:
    'When a month is settled, these figures are summed from its bookings in the ledger: how many people gave, how many creators were paid, and where the money went. Nobody is named.',
  api: 'The same record as JSON:',
  empty: 'No month has been settled yet.',
  latest: 'Last settled month',
  earlier: 'Earlier months',
  givers: 'Givers',
  creatorsPaid: 'Creators paid',
  things: 'Things given kudos',
  kudos: 'Kudos',
  given: 'Given to things',
  fee: 'Fee kept',
  charity: 'To charity (months without kudos)',
  held: 'Held for things nobody has claimed yet',
  returned: 'Given back to givers after the hold',
  kudosAndAmount: (kudos, amount) => `${kudos} kudos, ${amount}`,
  selfCheck: 'Ledger self-check',
  checks: (before, after) => `before: ${before}; after: ${after}`,
  verdicts: { balanced: 'balanced', off: 'off', unchecked: 'not checked' },
  link: 'Payday record',
};

const de: PaydayWords = {
  title: 'Zahltage',
  h: 'Was Kudos bewegt hat, Monat für Monat',
  intro:
    'Ist ein Monat abgerechnet, werden diese Zahlen aus seinen Buchungen im Hauptbuch summiert: wie viele gegeben haben, wie viele Kreative bezahlt wurden und wohin das Geld ging. Niemand wird genannt.',
  api: 'Dasselbe als JSON:',
  empty: 'Noch ist kein Monat abgerechnet.',
  latest: 'Zuletzt abgerechneter Monat',
  earlier: 'Frühere Monate',
  givers: 'Gebende',
  creatorsPaid: 'Bezahlte Kreative',
  things: 'Sachen mit Kudos',
  kudos: 'Kudos',
  given: 'An Sachen gegeben',
  fee: 'Einbehaltene Gebühr',
  charity: 'An die Wohltätigkeit (Monate ohne Kudos)',
  held: 'Zurückgehalten für Sachen, die noch niemand beansprucht hat',
  returned: 'Nach der Wartezeit an die Gebenden zurück',
  kudosAndAmount: (kudos, amount) => `${kudos} Kudos, ${amount}`,
  selfCheck: 'Selbstprüfung des Hauptbuchs',
  checks: (before, after) => `vorher: ${before}; nachher: ${after}`,
  verdicts: { balanced: 'ausgeglichen', off: 'fehlerhaft', unchecked: 'nicht geprüft' },
  link: 'Zahltage',
};

const sv: PaydayWords = {
  title: 'Månadsredovisning',
  h: 'Vad Kudos har förmedlat, månad för månad',
  intro:
    'När en månad är avräknad summeras de här siffrorna ur dess bokningar i huvudboken: hur många som gav, hur många skapare som fick betalt och vart pengarna gick. Ingen nämns vid namn.',
  api: 'Samma uppgifter som JSON:',
  empty: 'Ingen månad är avräknad ännu.',
  latest: 'Senast avräknade månad',
  earlier: 'Tidigare månader',
  givers: 'Givare',
  creatorsPaid: 'Skapare som fick betalt',
  things: 'Saker som fick kudos',
  kudos: 'Kudos',
  given: 'Givet till saker',
  fee: 'Avgift som behölls',
  charity: 'Till välgörenhet (månader utan kudos)',
  held: 'Hålls för saker som ingen har gjort anspråk på än',
  returned: 'Tillbaka till givarna efter väntetiden',
  kudosAndAmount: (kudos, amount) => `${kudos} kudos, ${amount}`,
  selfCheck: 'Huvudbokens självkontroll',
  checks: (before, after) => `före: ${before}; efter: ${after}`,
  verdicts: { balanced: 'balanserad', off: 'fel', unchecked: 'inte kontrollerad' },
  link: 'Månadsredovisning',
};

export const PAYDAY_WORDS: Record<SiteLang, PaydayWords> = { en, de, sv };
