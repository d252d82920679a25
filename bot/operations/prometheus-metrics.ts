import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { LANGUAGES } from '../../core/index.js';
import { VERDICTS, type NluResult } from '../../core/nlu/index.js';
import { HANDOFF_REASONS, type AgentDesk, type CaseChange, type CaseReports, type HandoffReason } from '../../handoff/index.js';

/** The names operators' dashboards query (docs/metrics.md): only add to them, a rename breaks every panel. */
export const METRIC_NAMES = {
  customerTurns: 'vastaa_customer_turns_total',
  turnDuration: 'vastaa_turn_duration_seconds',
  nluVerdicts: 'vastaa_nlu_verdicts_total',
  handoffs: 'vastaa_handoffs_total',
  queueLength: 'vastaa_queue_length',
  storeWriteErrors: 'vastaa_store_write_errors_total',
} as const;

/**
 * How many channel ids get a label of their own; later ones count as "other". The channel id comes
 * from the caller (API_MESSAGES=open takes any), and without a cap made-up ids would grow every scrape.
 */
const MAX_CHANNEL_LABELS = 20;
const OTHER_CHANNEL = 'other';

/** Seconds; from a quick FAQ answer (milliseconds) to an order or outage API call near its timeout. */
const TURN_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One app's Prometheus metrics in a registry of its own (not prom-client's global one), so several
 * apps in one process (the tests) do not count into each other. Node's process metrics describe the
 * process, not an app: they live in one registry per process and are added to every scrape.
 */
export class PrometheusMetrics {
  private readonly registry = new Registry();
  private readonly channels = new Set<string>();
  private readonly turns = new Counter({
    name: METRIC_NAMES.customerTurns,
    help: 'Customer messages the bot took, by channel id',
    labelNames: ['channel'] as const,
    registers: [this.registry],
  });
  private readonly turnSeconds = new Histogram({
    name: METRIC_NAMES.turnDuration,
    help: "Time from a customer's message reaching the bot to the end of its turn (replies sent, state saved), by channel id",
    labelNames: ['channel'] as const,
    buckets: TURN_SECONDS_BUCKETS,
    registers: [this.registry],
  });
  private readonly verdicts = new Counter({
    name: METRIC_NAMES.nluVerdicts,
    help: "The NLU's verdict on each customer message with text (a suggestion button counts as confident), by the language the NLU recognised",
    labelNames: ['verdict', 'language'] as const,
    registers: [this.registry],
  });
  private readonly handoffs = new Counter({
    name: METRIC_NAMES.handoffs,
    help: 'Cases opened for a person, by the reason that decided the handoff',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  private readonly storeErrors = new Counter({
    name: METRIC_NAMES.storeWriteErrors,
    help: 'Writes that failed on the disk (ENOSPC, EROFS, EIO...), by store; /healthz answers 503 while a store is failing',
    labelNames: ['store'] as const,
    registers: [this.registry],
  });

  private readonly queueLength: Gauge;

  /**
   * @param reports read at every scrape for the queue length, so the gauge is the stored truth, not a
   *   running sum; a function because the stores report failed writes here before the desks exist.
   */
  constructor(reports: () => CaseReports) {
    this.queueLength = new Gauge({
      name: METRIC_NAMES.queueLength,
      help: 'Cases waiting for an agent to take them, read from the handoff store at scrape time',
      registers: [this.registry],
      async collect() {
        const { cases } = await reports().allRecords();
        this.set(cases.filter((record) => record.status === 'waiting').length);
      },
    });
    // Every known series from zero, so a dashboard's rate() sees the first verdict or handoff of its kind.
    for (const verdict of VERDICTS) for (const language of LANGUAGES) this.verdicts.inc({ verdict, language }, 0);
    for (const reason of Object.values(HANDOFF_REASONS)) this.handoffs.inc({ reason }, 0);
  }

  turnTaken(channelId: string, seconds: number): void {
    const channel = this.channelLabel(channelId);
    this.turns.inc({ channel });
    this.turnSeconds.observe({ channel }, seconds);
  }

  recognised(nlu: NluResult): void {
    this.verdicts.inc({ verdict: nlu.verdict, language: nlu.language });
  }

  handedOff(reason: HandoffReason): void {
    this.handoffs.inc({ reason });
  }

  /**
   * Counts each case the desk opens by its reason. The change feed names only the case, so the reason
   * is read from the store; a case erased before that read is not counted, and the problem is told.
   */
  countHandoffsOf(desk: Pick<AgentDesk, 'events' | 'getCase'>, onProblem: (problem: unknown) => void): () => Promise<void> {
    const reading = new Set<Promise<void>>();
    const onChange = (change: CaseChange) => {
      if (change.kind !== 'opened') return;
      const read = desk.getCase(change.caseId).then((record) => this.handedOff(record.reason), onProblem);
      reading.add(read);
      void read.finally(() => reading.delete(read));
    };
    desk.events.on('change', onChange);
    // Stops counting; resolves once the cases being read are counted, so the stores can close after.
    return async () => {
      desk.events.off('change', onChange);
      while (reading.size > 0) await Promise.allSettled([...reading]);
    };
  }

  storeWriteFailed(store: string): void {
    this.storeErrors.inc({ store });
  }

  /** The Prometheus text format's content type, for the scrape's answer. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** This app's metrics and the process's, in the Prometheus text format. */
  async scrape(): Promise<string> {
    return `${await this.registry.metrics()}\n${await processRegistry().metrics()}`;
  }

  private channelLabel(channelId: string): string {
    if (this.channels.has(channelId)) return channelId;
    if (this.channels.size >= MAX_CHANNEL_LABELS) return OTHER_CHANNEL;
    this.channels.add(channelId);
    return channelId;
  }
}

let processMetrics: Registry | undefined;

/**
 * Node's default metrics (CPU, memory, event loop lag, GC, handles), collected once per process:
 * prom-client starts an event loop monitor and a GC observer per call and never stops them, so one
 * call per app would leave them running after the app closed.
 */
function processRegistry(): Registry {
  if (!processMetrics) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}
