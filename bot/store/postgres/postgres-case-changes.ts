import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Pool } from 'pg';
import { OPEN_CASE_STATUSES, type CaseChange, type CaseChangeFeed, type CaseChangeKind, type HandoffStore } from '../../../handoff/index.js';
import type { PostgresNotifications } from './postgres-notifications.js';

const TOPIC = 'case';

/**
 * Every case change of every instance, for live views (the agent console's stream): this instance's
 * own changes as they happen, the others' as they announce them (LISTEN/NOTIFY). The announcement
 * carries the instance, the case id and the kind of change; the status and revision are read from
 * the database. After the listener was dropped, each open case is announced once so that views
 * refresh whatever they missed.
 *
 * Kept apart from the desk's own feed on purpose: what listens there (the metrics, e-mail of agent
 * replies) must act once, on the instance where the change happened, not once per instance.
 */
export class PostgresCaseChanges {
  readonly feed: CaseChangeFeed = new EventEmitter<{ change: [CaseChange] }>();
  private readonly instance = randomBytes(6).toString('base64url');
  private readonly stops: (() => void)[];

  constructor(
    local: CaseChangeFeed,
    private readonly pool: Pool,
    private readonly notifications: PostgresNotifications,
    private readonly store: HandoffStore,
    private readonly onProblem: (problem: string, error: unknown) => void,
  ) {
    const announce = (change: CaseChange) => {
      this.feed.emit('change', change);
      this.pool
        .query('SELECT pg_notify($1, $2)', notifications.message(TOPIC, [this.instance, change.caseId, change.kind].join('|')))
        .catch((error: unknown) => onProblem('could not announce a case change to the other instances', error));
    };
    local.on('change', announce);
    this.stops = [
      () => local.off('change', announce),
      notifications.on(TOPIC, (payload) => void this.heard(payload)),
      notifications.onReconnect(() => void this.catchUp()),
    ];
  }

  close(): void {
    for (const stop of this.stops) stop();
  }

  private async heard(payload: string): Promise<void> {
    const [instance, caseId, kind] = payload.split('|');
    if (instance === this.instance || !caseId || !kind) return;
    try {
      const record = await this.store.read((view) => view.case(caseId));
      // Erased meanwhile: nothing to show.
      if (record) this.feed.emit('change', { kind: kind as CaseChangeKind, caseId, status: record.status, revision: record.revision });
    } catch (error) {
      this.onProblem('could not read a case another instance changed', error);
    }
  }

  private async catchUp(): Promise<void> {
    try {
      const open = await this.store.read((view) => view.cases({ status: OPEN_CASE_STATUSES }));
      for (const record of open) {
        this.feed.emit('change', { kind: record.events.at(-1)?.event ?? 'opened', caseId: record.id, status: record.status, revision: record.revision });
      }
    } catch (error) {
      this.onProblem('could not catch up on case changes after the listener was dropped', error);
    }
  }
}
