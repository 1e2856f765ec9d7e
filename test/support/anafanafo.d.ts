// anafanafo ships no types; the tests use its measure() as the reference for badge widths.
declare module 'anafanafo' {
  export default function measure(
    text: string,
    options: { font: '11px Verdana' | '10px Verdana' | 'bold 10px Verdana' | 'bold 11px Helvetica'; guess?: boolean },
  ): number;
}
