const VOWELS = 'aeiouyäöAEIOUYÄÖ';
/** One word of Finnish letters; a double name joins its parts with a hyphen ("Anna-Liisa"). */
const NAME = /^[A-Za-zÅÄÖåäö]+(?:-[A-Za-zÅÄÖåäö]+)*$/;
/** The consonants before the word's final vowels, and those vowels. */
const LAST_SYLLABLE = new RegExp(`([^${VOWELS}]*)([${VOWELS}]+)$`);

/**
 * A name in the allative case ("Annalle", "Mikolle"), or undefined when it cannot be inflected
 * safely: then say the sentence so that the name needs no case ending ("Sinua palvelee nyt Daniel").
 *
 * Only the safe cases are inflected: one word (or a hyphenated double name) of Finnish letters ending
 * in a vowel. A double k, p or t before the final vowel weakens (Mikko → Mikolle, Antti → Antille);
 * a single one, or one after another consonant (Satu → Sadulle, Ilta → Illalle, but Kati → Katille),
 * follows rules a program cannot know, so those are left alone, as are names ending in a consonant
 * (Daniel, Tuomas) and names of several words, whose every word would agree ("tekniselle tuelle").
 *
 * @example
 * allativeOfName('Anna'); // 'Annalle'
 * allativeOfName('Jukka'); // 'Jukalle'
 * allativeOfName('Daniel'); // undefined
 */
export function allativeOfName(name: string): string | undefined {
  const word = name.trim();
  if (!NAME.test(word)) return undefined;
  const match = LAST_SYLLABLE.exec(word);
  if (!match) return undefined;
  const [, consonants = '', vowels = ''] = match;
  const stem = word.slice(0, word.length - consonants.length - vowels.length);
  // Two vowels at the end (Mia, Tapio, Leo): no consonant stands between them to change.
  if (vowels.length > 1 || !/[kpt]$/i.test(consonants)) return `${word}lle`;
  // "st", "sk", "sp" never change (Kusti → Kustille, Esko → Eskolle).
  if (/s[kpt]$/i.test(consonants)) return `${word}lle`;
  if (/(kk|pp|tt)$/i.test(consonants)) return `${stem}${consonants.slice(0, -1)}${vowels}lle`;
  return undefined;
}
