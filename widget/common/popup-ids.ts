/** The JSON element carrying the counts the popup reports to the button that opened it. */
export const DONE_ELEMENT_ID = 'kudos-done';
