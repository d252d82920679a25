import type { Config } from '../config.js';
import type { Logger } from '../../core/index.js';
import type { LearningInbox } from '../../dialogs/index.js';
import type { EscalationPolicy } from '../../handoff/index.js';
import type { ConsoleAuth } from '../agent-console/console-auth.js';
import type { TrustedProxies } from '../http/client-address.js';
import type { RouteInstaller } from '../http/http-server.js';
import type { LiveContent } from '../turn/live-content.js';
import { IntentExamples } from './intent-examples.js';
import { studioApiRoutes } from './studio-api-routes.js';
import { studioPageRoutes } from './studio-page-routes.js';

export interface StudioDeps {
  /** The agent console's sign-in: the studio has the same users, sessions and guard. */
  auth: ConsoleAuth;
  proxies: TrustedProxies;
  content: LiveContent;
  inbox: LearningInbox;
  policy: EscalationPolicy;
  now: () => Date;
}

/** The studio for editors: the page at /studio and its API under /api/studio. */
export function buildStudio(deps: StudioDeps, config: Config, logger: Logger): RouteInstaller[] {
  return [
    studioApiRoutes({ ...deps, examples: new IntentExamples(deps.content, logger), logger }),
    studioPageRoutes({ auth: deps.auth, defaultLanguage: config.DEFAULT_LANGUAGE }),
  ];
}
