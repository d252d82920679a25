import { mayUse } from './console-roles.js';
import type { Logger } from '../../core/index.js';
import type { AgentDesk, CaseChange, CaseTeams, RoutableAgent, RoutedCase } from '../../handoff/index.js';
import type { AgentList } from './agent-directory.js';
import type { AgentPresence } from './agent-presence.js';

/** Changes after which a case may fit someone: a new case, a case back in the queue, a slot freed. */
const ROUTE_AFTER: ReadonlySet<CaseChange['kind']> = new Set(['opened', 'released', 'transferred', 'reassigned', 'closed']);
/**
 * A run now and then besides: it catches what no change announces (a larger maxChats or a new skill
 * in the agents file) and retries after a run whose write failed.
 */
const ROUTE_EVERY_MS = 30_000;

/**
 * Routing (CASE_ROUTING=on): after every change that adds a waiting case or frees a slot, and
 * whenever an agent comes online, asks the desk to route the queue to the online agents
 * (`AgentDesk.route`, one store transaction). Runs are serialised: a change during a run causes
 * one more run afterwards, so no change is missed and no two runs race each other.
 */
export class CaseRouter {
  private tail: Promise<unknown> = Promise.resolve();
  private queued: Promise<RoutedCase[]> | undefined;
  private readonly onChange = (change: CaseChange) => {
    if (ROUTE_AFTER.has(change.kind)) void this.routeNow();
  };
  private readonly onPresence = () => void this.routeNow();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly desk: AgentDesk,
    private readonly directory: AgentList,
    private readonly presence: AgentPresence,
    readonly teams: CaseTeams,
    readonly enabled: boolean,
    private readonly logger: Logger,
    /** Told of each case given to an agent (the customer then reads who joined). */
    private readonly onRouted: (decision: RoutedCase) => Promise<void> = async () => {},
  ) {
    if (!enabled) return;
    desk.events.on('change', this.onChange);
    presence.events.on('changed', this.onPresence);
    this.timer = setInterval(() => void this.routeNow(), ROUTE_EVERY_MS);
    this.timer.unref();
  }

  /**
   * Routes the queue in a run that starts after this call (so it sees what the caller just changed);
   * calls made while a run waits to start share that run. Resolves with its decisions.
   */
  routeNow(): Promise<RoutedCase[]> {
    if (!this.enabled) return Promise.resolve([]);
    if (this.queued) return this.queued;
    const run = this.tail.then(() => {
      this.queued = undefined;
      return this.run();
    });
    this.queued = run;
    this.tail = run;
    return run;
  }

  /** The agents who are online now, with their skills from the agents file. */
  async onlineAgents(): Promise<RoutableAgent[]> {
    return (
      (await this.directory.list())
        // Editors work in the studio, never on cases.
        .filter((agent) => mayUse(agent.role, 'cases') && this.presence.of(agent.login).status === 'online')
        .map(({ login, maxChats, languages, teams }) => ({ login, maxChats, languages, teams }))
    );
  }

  /** Stops routing; resolves once a run in progress has finished (its store writes too), so the stores can close after. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.desk.events.off('change', this.onChange);
    this.presence.events.off('changed', this.onPresence);
    await this.tail.catch(() => undefined);
  }

  private async run(): Promise<RoutedCase[]> {
    try {
      const routed = await this.desk.route(await this.onlineAgents(), this.teams);
      for (const decision of routed) this.logger.info('case routed', { ...decision });
      await Promise.all(routed.map((decision) => this.onRouted(decision)));
      return routed;
    } catch (error) {
      this.logger.error('case routing failed; the cases stay in the queue', { error });
      return [];
    }
  }
}
