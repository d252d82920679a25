import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type Authentication = ConfigurationBotFrameworkAuthentication;
type ClaimsIdentity = Parameters<Authentication['createUserTokenClient']>[0];
type ConnectorFactory = ReturnType<Authentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<Authentication['createUserTokenClient']>>;

/** Clients kept per kind; serviceUrl comes from the activity, so an open endpoint must not grow this without bound. */
const MAX_CLIENTS = 256;

/**
 * The connector and user-token clients of the Bot Framework, made once per bot app id (and service
 * URL and audience) instead of once per turn. CloudAdapter builds both for every activity, each with
 * its own HTTP pipeline (about 4 % of a FAQ turn's CPU), even when the replies go back in the HTTP
 * response. botbuilder's older BotFrameworkAdapter kept its connector clients the same way; a
 * client holds only its options and credentials (which cache their own tokens), no per-turn state.
 */
export class ReusedBotClients {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  /** `authentication` with `createUserTokenClient` and `createConnectorFactory` answered from here; every other member is its own. */
  wrap(authentication: Authentication): Authentication {
    const reused = Object.create(authentication) as Authentication;
    reused.createUserTokenClient = (claims) => remembered(this.tokenClients, appIdOf(claims), () => authentication.createUserTokenClient(claims));
    reused.createConnectorFactory = (claims) => this.connectorFactory(appIdOf(claims), authentication.createConnectorFactory(claims));
    return reused;
  }

  /** A factory that hands out the client made earlier for the same app id, service URL and audience. */
  connectorFactory(appId: string, factory: ConnectorFactory): ConnectorFactory {
    return {
      create: (serviceUrl, audience) => remembered(this.connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, () => factory.create(serviceUrl, audience)),
    };
  }
}

/**
 * The bot's app id as botbuilder's authentication reads it from the claims (ParameterizedBotFrameworkAuthentication's
 * getAppId): the audience claim from a channel, the appid claim from the Emulator, none when unauthenticated.
 */
export function appIdOf(claims: ClaimsIdentity): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

function remembered<T>(cache: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const known = cache.get(key);
  if (known) return known;
  const made = make();
  cache.set(key, made);
  // A failed creation (credentials that could not be made) is tried again on the next turn.
  made.catch(() => cache.get(key) === made && cache.delete(key));
  if (cache.size > MAX_CLIENTS) cache.delete(cache.keys().next().value!);
  return made;
}
