import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import {
  formatProblem,
  type MessageCatalog,
  hasErrors,
  INTENTS_FOLDER,
  loadContent,
  MESSAGES_FILE,
  OPENING_HOURS_FILE,
  trainingSetFrom,
  UPSET_EXAMPLES_FOLDER,
  UPSET_LEXICON_FILE,
  type ContentProblem,
  type ContentRequirements,
} from '../../core/content/index.js';
import type { Logger } from '../../core/index.js';
import type { BotContent, ContentSource } from '../../dialogs/index.js';
import { TrainedModelCache, type DecisionThresholds } from '../../core/nlu/index.js';
import { trainUpsetModel, withCalmIntents } from '../../handoff/index.js';

export interface ReloadResult {
  ok: boolean;
  version: number;
  problems: ContentProblem[];
}

/**
 * Holds the content and the NLU trained from it, and swaps both at once when editors' files change.
 * Content that fails the check is refused: the bot keeps serving the last good version.
 */
export class LiveContent implements ContentSource {
  private snapshot: BotContent | undefined;
  private watchers: FSWatcher[] = [];
  private pending: NodeJS.Timeout | undefined;
  private reloading: Promise<ReloadResult> | undefined;

  constructor(
    private readonly root: string,
    private readonly requirements: ContentRequirements,
    private readonly thresholds: DecisionThresholds,
    private readonly logger: Logger,
    private readonly models: TrainedModelCache = new TrainedModelCache(undefined),
  ) {}

  current(): BotContent {
    if (!this.snapshot) throw new Error('LiveContent.current(): content is not loaded yet; await reload() first');
    return this.snapshot;
  }

  get messages(): MessageCatalog {
    return this.current().content.messages;
  }

  get ready(): boolean {
    return this.snapshot !== undefined;
  }

  /** Loads, checks and trains; on success the new version goes live. Concurrent calls share one reload. */
  reload(): Promise<ReloadResult> {
    this.reloading ??= this.load().finally(() => (this.reloading = undefined));
    return this.reloading;
  }

  private async load(): Promise<ReloadResult> {
    const started = Date.now();
    const { content, problems } = await loadContent(this.root, this.requirements);
    const version = this.snapshot?.version ?? 0;
    for (const problem of problems.filter((p) => p.severity === 'warning')) this.logger.warn(`content: ${formatProblem(problem)}`);
    if (hasErrors(problems)) {
      const errors = problems.filter((p) => p.severity === 'error');
      this.logger.error(`content refused: ${errors.length} error(s); ${this.snapshot ? `still serving version ${version}` : 'nothing to serve'}`, {
        problems: errors.map(formatProblem),
      });
      return { ok: false, version, problems };
    }
    const recogniser = this.models.train(trainingSetFrom(content.intents), this.thresholds);
    const upsetModel = trainUpsetModel(withCalmIntents(content.upsetExamples, content.intents), (set) => this.models.train(set));
    this.snapshot = { content: { ...content, upsetLexicon: { ...content.upsetLexicon, model: upsetModel } }, recogniser, version: version + 1 };
    this.logger.info('content live', { version: version + 1, intents: content.intents.length, ms: Date.now() - started });
    return { ok: true, version: version + 1, problems };
  }

  /**
   * Checks the content as the next reload would (the same check as `npm run intents -- check`), with
   * `replace` (path under the content root → text) in place of those files, without writing anything.
   */
  async check(replace: ReadonlyMap<string, string>): Promise<ContentProblem[]> {
    return (await loadContent(this.root, this.requirements, replace)).problems;
  }

  /** The content folder editors' files live in. */
  get folder(): string {
    return this.root;
  }

  /** Reloads shortly after any change under intents/, messages/, hours/ or lexicons/ (editors save several files at once). */
  watch(debounceMs = 300): void {
    for (const folder of [
      INTENTS_FOLDER,
      path.dirname(MESSAGES_FILE),
      path.dirname(OPENING_HOURS_FILE),
      path.dirname(UPSET_LEXICON_FILE),
      UPSET_EXAMPLES_FOLDER,
    ]) {
      const watcher = watch(path.join(this.root, folder), () => {
        clearTimeout(this.pending);
        this.pending = setTimeout(() => void this.reload(), debounceMs);
      });
      watcher.on('error', (error) => this.logger.warn('content watcher stopped', { folder, error }));
      this.watchers.push(watcher);
    }
  }

  close(): void {
    clearTimeout(this.pending);
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
  }
}
