const LIST_ITEM = /^\s*(?:[-*+•]|\d{1,3}[.)])\s+\S/;

/**
 * Keeps the first `max` items of every bullet or numbered list and replaces the rest with one line
 * "… (+n)". The marker has no words, so it needs no translation and reads the same in every language.
 */
export function shortenLists(text: string, max: number): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let run = 0;
  let dropped = 0;
  const flush = () => {
    if (dropped > 0) out.push(`… (+${dropped})`);
    run = 0;
    dropped = 0;
  };
  for (const line of lines) {
    if (LIST_ITEM.test(line)) {
      run += 1;
      if (run > max) {
        dropped += 1;
        continue;
      }
      out.push(line);
      continue;
    }
    flush();
    out.push(line);
  }
  flush();
  return out.join('\n');
}
