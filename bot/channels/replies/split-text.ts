/**
 * Splits text into pieces of at most `max` characters, cutting at the last paragraph break, line break,
 * sentence end or space that keeps the piece at least half full, and only mid-word when nothing else fits.
 * Without this, a channel with a hard limit (Messenger: 2000) refuses the whole message.
 */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    pieces.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

const BOUNDARIES: readonly RegExp[] = [/\n\s*\n/g, /\n/g, /[.!?…][)"'»”]*\s/g, /[;:,]\s/g, /\s/g];

function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  for (const boundary of BOUNDARIES) {
    let best = -1;
    for (const match of window.matchAll(boundary)) {
      const end = match.index + match[0].trimEnd().length;
      if (end <= max) best = end;
    }
    if (best >= max / 2) return best;
  }
  return max;
}
