import { CloudAdapter, type Activity, type ConfigurationBotFrameworkAuthentication, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { Logger, RecentIds } from '../../core/index.js';
import type { TrustedProxies } from './client-address.js';
import { sendError, type TurnProcessor } from './http-server.js';
import { appIdOf, ReusedBotClients } from './reused-bot-clients.js';
import { refusalOf, type MessagesEndpointPolicy } from './messages-endpoint-access.js';

type Authentication = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/**
 * CloudAdapter with authentication as a step of its own: `CloudAdapter.process` answers an
 * authentication failure that is not an AuthenticationError (the OpenID metadata cannot be fetched:
 * DNS, timeout) with 500 and the raw error text, and a refused token with a bare string. We
 * authenticate first and answer every failure in our own shape; this runs the turn after that.
 * The Bot Framework clients a turn gets are made once and reused (`ReusedBotClients`).
 */
export class MessagesAdapter extends CloudAdapter {
  private readonly clients: ReusedBotClients;

  constructor(readonly authentication: ConfigurationBotFrameworkAuthentication) {
    const clients = new ReusedBotClients();
    super(clients.wrap(authentication));
    this.clients = clients;
  }

  runAuthenticated(authentication: Authentication, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    const connectorFactory =
      authentication.connectorFactory && this.clients.connectorFactory(appIdOf(authentication.claimsIdentity), authentication.connectorFactory);
    return this.processActivity({ ...authentication, connectorFactory }, activity, logic);
  }
}

export interface MessagesEndpointDeps {
  adapter: MessagesAdapter;
  policy: MessagesEndpointPolicy;
  proxies: TrustedProxies;
  /** Activity ids seen lately (`channel/conversation/id`): a repeat gets no second turn. */
  recentActivities: RecentIds;
  logic: (context: TurnContext) => Promise<void>;
  logger: Logger;
}

const PROXY_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * The turn behind `POST /api/messages`, for an activity whose fields http-server has checked:
 * who may post (messages-endpoint-access, 403), the Bot Framework token (401 in our shape, the cause
 * in the log), the sender taken as the customer whatever role it claims, a repeated activity id
 * answered without a second turn, then the turn itself.
 */
export function messagesEndpoint(deps: MessagesEndpointDeps): TurnProcessor {
  return async (req: Request, res: Response) => {
    const activity = req.body as Activity;
    const origin = { clientAddress: deps.proxies.clientAddress(req), forwarded: PROXY_HEADERS.some((name) => req.header(name) !== undefined) };
    const refusal = refusalOf(activity, origin, deps.policy);
    if (refusal) {
      deps.logger.warn('/api/messages refused an activity', { code: refusal.code, channel: activity.channelId, client: origin.clientAddress });
      return sendError(res, refusal.status, refusal.code, refusal.message);
    }

    let authentication: Authentication;
    try {
      authentication = await deps.adapter.authentication.authenticateRequest(activity, req.header('authorization') ?? '');
    } catch (error) {
      // Any failure, a bad signature or no network to fetch the signing keys, means we cannot trust the
      // caller: 401. The cause (possibly a DNS error naming our outbound hosts) goes to the log only.
      deps.logger.warn('/api/messages refused a request that failed Bot Framework authentication', {
        cause: (error as Error)?.message ?? String(error),
        channel: activity.channelId,
      });
      return sendError(res, 401, 'unauthorized', 'the request needs a valid Bot Framework token in Authorization: Bearer <token>');
    }

    // Whoever posts here is the customer of this conversation. Without this, `from.role: "bot"` made the
    // customer's own line show as the bot's in the agent console (the transcript logger keeps a role it is given).
    activity.from.role = 'user';

    const key = activity.id ? `${activity.channelId}/${activity.conversation.id}/${activity.id}` : undefined;
    if (key !== undefined && !deps.recentActivities.firstSighting(key)) {
      deps.logger.info('/api/messages dropped a repeated activity', {
        channel: activity.channelId,
        conversation: activity.conversation.id,
        activity: activity.id,
      });
      return res.send(200, activity.deliveryMode === 'expectReplies' ? { activities: [] } : undefined);
    }

    try {
      const response = await deps.adapter.runAuthenticated(authentication, withDates(activity), deps.logic);
      res.send(response?.status ?? 200, response?.body);
    } catch (error) {
      // The turn did not run to its end (onTurnError failed too): let a retry of the same id through.
      if (key !== undefined) deps.recentActivities.forget(key);
      throw error;
    }
  };
}

/** Timestamps as Date objects, as CloudAdapter.process does (activity-schema has checked they parse). */
function withDates(activity: Activity): Activity {
  const fixed = activity as Activity & { rawTimestamp?: string; rawLocalTimestamp?: string; rawExpiration?: string };
  if (typeof activity.timestamp === 'string') {
    fixed.rawTimestamp = activity.timestamp;
    fixed.timestamp = new Date(activity.timestamp);
  }
  if (typeof activity.localTimestamp === 'string') {
    fixed.rawLocalTimestamp = activity.localTimestamp;
    fixed.localTimestamp = new Date(activity.localTimestamp);
  }
  if (typeof activity.expiration === 'string') {
    fixed.rawExpiration = activity.expiration;
    fixed.expiration = new Date(activity.expiration);
  }
  return fixed;
}
