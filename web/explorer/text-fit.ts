/**
 * Fitting labels into SVG, where text does not wrap or truncate by itself: widths are
 * measured on a canvas with the font the stylesheet gives the labels.
 */

let context: CanvasRenderingContext2D | null | undefined;

/** The width of `text` in pixels, set in `font` (a CSS font shorthand); estimated where canvas is unavailable. */
export function textWidth(text: string, font: string): number {
  context ??= document.createElement('canvas').getContext('2d');
  if (!context) return text.length * 6.5;
  context.font = font;
  return context.measureText(text).width;
}

/** `text`, cut at a word or character with an ellipsis so that it fits `maxWidth`. */
export function truncate(text: string, maxWidth: number, font: string): string {
  if (textWidth(text, font) <= maxWidth) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (textWidth(`${text.slice(0, middle).trimEnd()}…`, font) <= maxWidth) low = middle;
    else high = middle - 1;
  }
  return `${text.slice(0, low).trimEnd()}…`;
}

/** `text` in at most `maxLines` lines of at most `maxWidth`, breaking between words; the last line truncated. */
export function wrap(text: string, maxWidth: number, maxLines: number, font: string): string[] {
  const lines: string[] = [];
  let rest = text.trim();
  while (rest && lines.length < maxLines - 1) {
    const words = rest.split(/\s+/);
    let line = words[0]!;
    let used = 1;
    while (used < words.length && textWidth(`${line} ${words[used]}`, font) <= maxWidth) line += ` ${words[used++]}`;
    if (textWidth(line, font) > maxWidth) break; // one long word: let the last line truncate it
    lines.push(line);
    rest = words.slice(used).join(' ');
  }
  if (rest) lines.push(truncate(rest, maxWidth, font));
  return lines;
}
