/**
 * Digits of any script as the ASCII digits the API takes: a year typed on an Arabic, Persian or
 * Devanagari keyboard is the same year. Shared by the web app's forms and the public site's.
 */
export function asciiDigits(text: string): string {
  return text.replace(/\p{Nd}/gu, (digit) => {
    // Unicode's decimal digits come in runs of ten, zero first, some runs adjacent to others:
    // a digit's value is its distance from the start of its block, modulo ten.
    const code = digit.codePointAt(0)!;
    let start = code;
    while (/\p{Nd}/u.test(String.fromCodePoint(start - 1))) start--;
    return String((code - start) % 10);
  });
}
