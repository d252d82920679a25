import { formatProblem, hasErrors, loadContent, type Content, type ContentProblem } from '../../core/content/index.js';
import { CHANNEL_MESSAGES } from '../../bot/channels/channel-messages.js';
import { CONTENT_REQUIREMENTS } from '../../dialogs/index.js';

/** Loads content with the same requirements the running bot applies, so `check` passing means the bot will accept it. */
export async function loadCheckedContent(contentRoot: string): Promise<{ content: Content; problems: ContentProblem[]; ok: boolean }> {
  const { content, problems } = await loadContent(contentRoot, {
    ...CONTENT_REQUIREMENTS,
    requiredMessages: [...(CONTENT_REQUIREMENTS.requiredMessages ?? []), ...CHANNEL_MESSAGES],
  });
  return { content, problems, ok: !hasErrors(problems) };
}

export function printProblems(problems: readonly ContentProblem[]): void {
  for (const problem of problems) console.log(formatProblem(problem));
}
