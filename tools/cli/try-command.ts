import { isLanguage } from '../../core/index.js';
import { trainingSetFrom } from '../../core/content/index.js';
import { IntentRecogniser } from '../../core/nlu/index.js';
import { thresholdsFrom, type Config } from '../../bot/config.js';

import { loadCheckedContent, printProblems } from './load-checked-content.js';

export async function runTry(config: Config, args: string[]): Promise<number> {
  const languageFlag = args.indexOf('--lang');
  const language = languageFlag >= 0 ? args[languageFlag + 1] : undefined;
  const text = args
    .filter((_, i) => languageFlag < 0 || (i !== languageFlag && i !== languageFlag + 1))
    .join(' ')
    .trim();
  if (!text) {
    console.log('Give a message to try: npm run intents -- try "onks teil häiriöitä"');
    return 1;
  }
  if (language !== undefined && !isLanguage(language)) {
    console.log(`--lang must be fi or en, not "${language}"`);
    return 1;
  }
  const { content, problems, ok } = await loadCheckedContent(config.CONTENT_DIR);
  if (!ok) {
    printProblems(problems);
    return 1;
  }
  const recogniser = IntentRecogniser.train(trainingSetFrom(content.intents), thresholdsFrom(config));
  const result = language ? recogniser.recogniseIn(text, language) : recogniser.recognise(text);
  console.log(`"${text}"`);
  console.log(`language: ${result.language}${language ? ' (given)' : ` (${(result.languageConfidence * 100).toFixed(0)} % sure)`}`);
  console.log(
    `intent:   ${result.intent ?? '(none)'}  verdict: ${result.verdict}  score: ${result.score.toFixed(3)}  similarity to nearest example: ${result.similarity.toFixed(3)}`,
  );
  console.log('ranking:');
  for (const ranked of result.ranking.slice(0, 5)) console.log(`  ${ranked.intent.padEnd(20)} ${ranked.score.toFixed(3)}`);
  return 0;
}
