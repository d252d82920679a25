import { LANGUAGES } from '../../core/index.js';
import { loadCheckedContent, printProblems } from './load-checked-content.js';

export async function runCheck(contentRoot: string): Promise<number> {
  const { content, problems, ok } = await loadCheckedContent(contentRoot);
  printProblems(problems);
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const warnings = problems.length - errors;
  if (!ok) {
    console.log(`\n${errors} error(s), ${warnings} warning(s). The bot refuses this content until the errors are fixed.`);
    return 1;
  }
  const examples = LANGUAGES.map((language) => `${content.intents.reduce((sum, intent) => sum + intent.examples[language].length, 0)} ${language}`).join(', ');
  console.log(
    `OK: ${content.intents.length} intents (${examples} examples), ${Object.keys(content.messages).length} messages${warnings ? `, ${warnings} warning(s)` : ''}.`,
  );
  return 0;
}
