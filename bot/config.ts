import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, LOG_LEVELS } from '../core/index.js';
import { escalationPolicySchema, type EscalationPolicy } from '../handoff/index.js';
import type { DecisionThresholds } from '../nlu/index.js';
import { trustedProxyProblem } from './client-address.js';

const number = (description: string, fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback)
    .describe(description);

const wholeNumber = (description: string, fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(min, { error: `must be at least ${min}` })
    .max(max, { error: `must be at most ${max}` })
    .default(fallback)
    .describe(description);

const flag = (description: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: 'must be true or false' })
    .default('false')
    .transform((value) => ['true', '1', 'yes'].includes(value))
    .describe(description);

const optionalText = (description: string) =>
  z.string().transform((value) => (value.trim() === '' ? undefined : value.trim())).optional().describe(description);

const optionalUrl = (description: string) =>
  z
    .string()
    .transform((value) => value.trim())
    .refine((value) => value === '' || /^https?:\/\/[^\s]+$/.test(value), { error: 'must be an http:// or https:// address' })
    .transform((value) => (value === '' ? undefined : value))
    .optional()
    .describe(description);

const list = (description: string) =>
  z
    .string()
    .default('')
    .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
    .describe(description);

/** Every setting, read once from the environment at start-up. `.env.example` documents the same list. */
export const configSchema = z
  .object({
    PORT: number('TCP port of the HTTP server', 3978, 0, 65535),
    HOST: z.string().min(1).default('127.0.0.1').describe('Interface to listen on; 0.0.0.0 in a container'),
    DATA_DIR: z.string().min(1).default('./data').describe('Folder for the embedded store'),
    CONTENT_DIR: z.string().min(1).default('.').describe('Folder that holds intents/ and messages/'),
    CONTENT_RELOAD: z.enum(['watch', 'signal', 'off'], { error: 'must be watch, signal or off' }).default('watch').describe('How content changes go live'),
    DEFAULT_LANGUAGE: z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` }).default('fi').describe('Language when a message does not tell'),
    LOG_LEVEL: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).default('info').describe('Least severe log level printed'),
    MAX_BODY_BYTES: number('Largest accepted request body in bytes', 262_144, 1024, 10_485_760),
    DEBUG_TRACE: flag('Send NLU trace activities on every channel, not only the Emulator'),
    NLU_CONFIDENCE_THRESHOLD: number('Calibrated probability below which a message has no intent', 0.5, 0, 1),
    NLU_AMBIGUITY_MARGIN: number('Best two intents closer than this are ambiguous', 0.1, 0, 1),
    NLU_MIN_SIMILARITY: number('Similarity to the nearest example below which a message is unfamiliar', 0.2, 0, 1),
    UPSET_THRESHOLD: number('Accumulated frustration at which an upset customer goes to a person (two annoyed messages reach 3)', 3, 0.5, 100),
    MAX_NO_INTENT_TURNS: wholeNumber('Turns in a row the bot may fail to understand before a person takes over', 2, 1, 10),
    MAX_VERIFICATION_FAILURES: wholeNumber('Failed identity checks after which a person takes over', 3, 1, 10),
    RETENTION_DAYS: wholeNumber('Days to keep ended cases and idle transcripts before they are deleted', 90, 1, 3650),
    METRICS_TOKEN: optionalText('Bearer token for GET /api/metrics; unset: the route refuses every request'),
    ADMIN_TOKEN: optionalText('Bearer token for the customer-data export and erasure API; unset: refused'),
    OUTAGE_API_URL: optionalUrl('Outage feed (GET, JSON as in the README); unset: read OUTAGE_FILE'),
    OUTAGE_FILE: z.string().min(1).default('./demo/outages.json').describe('Outage feed file used when OUTAGE_API_URL is unset'),
    OUTAGE_API_TIMEOUT_MS: number('How long to wait for the outage feed, in milliseconds', 3000, 100, 60_000),
    ORDER_API_URL: optionalUrl('Order API base address; the bot calls GET {ORDER_API_URL}/orders/{id}. Unset: the built-in demo API'),
    ORDER_API_TOKEN: optionalText('Bearer token sent to the order API'),
    ORDER_API_TIMEOUT_MS: number('How long to wait for the order API, in milliseconds', 3000, 100, 60_000),
    DEMO_ORDERS_FILE: z.string().min(1).default('./demo/orders.json').describe('Orders the built-in demo order API serves when ORDER_API_URL is unset'),
    PUBLIC_CHANNELS: list('Comma-separated channel ids whose conversations are all public (no order details there)'),
    PRIVATE_CHAT_URL: optionalUrl('Link that opens a private chat (e.g. https://m.me/yourpage), offered in public threads'),
    MicrosoftAppId: optionalText('Bot Framework app id; when set, requests must carry a valid token'),
    MicrosoftAppPassword: optionalText('Bot Framework app password (client secret)'),
    API_MESSAGES: z
      .enum(['emulator', 'open', 'off'], { error: 'must be emulator, open or off' })
      .default('emulator')
      .describe(
        'Who may post to /api/messages. emulator: with MicrosoftAppId, Azure Bot Service channels with a valid token; without it, only the Bot Framework Emulator on this machine (channelId "emulator", loopback serviceUrl or expectReplies). open: any channel without a token (unsafe on a public server). off: refused',
      ),
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant').describe('Bot Framework app type'),
    MicrosoftAppTenantId: optionalText('Tenant id for SingleTenant and UserAssignedMSI apps'),
    WEBCHAT_DIRECT_LINE: z.enum(['builtin', 'azure'], { error: 'must be builtin or azure' }).default('builtin').describe("Where the chat page's Web Chat connects: this server's own Direct Line, or Azure Bot Service's"),
    BOT_DISPLAY_NAME: z.string().trim().min(1).default('Vastaa').describe("The bot's display name; a message with another sender name (from.name) is an agent's"),
    DIRECT_LINE_SECRET: optionalText('Azure Direct Line secret (WEBCHAT_DIRECT_LINE=azure); exchanged server-side for a token, never sent to browsers'),
    DIRECT_LINE_ENDPOINT: z.url({ error: 'must be a URL' }).default('https://directline.botframework.com/v3/directline').describe('Azure Direct Line endpoint (regional ones differ)'),
    DIRECT_LINE_TOKEN_KEY: optionalText('Key that signs built-in Direct Line tokens (at least 32 characters); unset: a random key per process'),
    DIRECT_LINE_TOKEN_TTL: number('Lifetime of a built-in Direct Line token in seconds; Web Chat refreshes it every 15 minutes', 1800, 1200, 86_400),
    MESSENGER_APP_SECRET: optionalText('Meta app secret: verifies X-Hub-Signature-256 of Messenger webhook calls'),
    MESSENGER_PAGE_ACCESS_TOKEN: optionalText('Page access token for the Messenger Send API'),
    MESSENGER_VERIFY_TOKEN: optionalText('Token Meta echoes in the webhook verification handshake (hub.verify_token)'),
    MESSENGER_GRAPH_URL: z.url({ error: 'must be a URL' }).default('https://graph.facebook.com/v21.0').describe('Graph API base URL with version'),
    AGENTS_FILE: optionalText('The agents of the agent console (login, name, scrypt password hash, language); unset: DATA_DIR/agents.yaml'),
    CANNED_REPLIES_FILE: optionalText("Agents' canned replies per language; unset: CONTENT_DIR/agent-console/canned-replies.yaml"),
    AGENT_SESSION_HOURS: number('Hours an agent stays signed in without using the console', 12, 0.1, 168),
    AGENT_SIGN_IN_ATTEMPTS: wholeNumber('Wrong passwords per login and address before sign-in is refused for AGENT_SIGN_IN_LOCK_MINUTES', 5, 1, 100),
    AGENT_SIGN_IN_LOCK_MINUTES: wholeNumber('Minutes sign-in stays refused after too many wrong passwords', 15, 1, 1440),
    AGENT_API_TOKEN: optionalText('Bearer token for integrations to use the agent API (with X-Agent-Login naming the agent); unset: sessions only'),
    TRUSTED_PROXIES: list(
      'Comma-separated proxies whose X-Forwarded-For/-Proto/-Host are believed: loopback, uniquelocal, addresses or CIDR ranges (e.g. loopback for nginx on the same host); unset: none, the socket address is the client',
    ),
  })
  .superRefine((config, context) => {
    for (const entry of config.TRUSTED_PROXIES) {
      const problem = trustedProxyProblem(entry);
      if (problem) context.addIssue({ code: 'custom', path: ['TRUSTED_PROXIES'], message: problem });
    }
    if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
      context.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    for (const token of ['METRICS_TOKEN', 'ADMIN_TOKEN', 'AGENT_API_TOKEN'] as const) {
      const value = config[token];
      if (value !== undefined && value.length < 16) context.addIssue({ code: 'custom', path: [token], message: 'must be at least 16 characters (use a random secret)' });
    }
    if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
      context.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppType is SingleTenant' });
    }
    if (config.WEBCHAT_DIRECT_LINE === 'azure' && !config.DIRECT_LINE_SECRET) {
      context.addIssue({ code: 'custom', path: ['DIRECT_LINE_SECRET'], message: 'is required when WEBCHAT_DIRECT_LINE is azure' });
    }
    if (config.DIRECT_LINE_TOKEN_KEY !== undefined && config.DIRECT_LINE_TOKEN_KEY.length < 32) {
      context.addIssue({ code: 'custom', path: ['DIRECT_LINE_TOKEN_KEY'], message: 'must be at least 32 characters' });
    }
    const messenger = ['MESSENGER_APP_SECRET', 'MESSENGER_PAGE_ACCESS_TOKEN', 'MESSENGER_VERIFY_TOKEN'] as const;
    const given = messenger.filter((key) => config[key] !== undefined);
    if (given.length > 0) {
      for (const key of messenger.filter((key) => config[key] === undefined)) {
        context.addIssue({ code: 'custom', path: [key], message: `is required when ${given.join(' and ')} ${given.length === 1 ? 'is' : 'are'} set (self-hosted Messenger needs all three)` });
      }
    }
  })
  .transform((config) => {
    const dataDir = path.resolve(config.DATA_DIR);
    const contentDir = path.resolve(config.CONTENT_DIR);
    return {
      ...config,
      DATA_DIR: dataDir,
      CONTENT_DIR: contentDir,
      OUTAGE_FILE: path.resolve(config.OUTAGE_FILE),
      DEMO_ORDERS_FILE: path.resolve(config.DEMO_ORDERS_FILE),
      AGENTS_FILE: path.resolve(config.AGENTS_FILE ?? path.join(dataDir, 'agents.yaml')),
      CANNED_REPLIES_FILE: path.resolve(config.CANNED_REPLIES_FILE ?? path.join(contentDir, 'agent-console', 'canned-replies.yaml')),
    };
  });

export type Config = z.output<typeof configSchema>;

/** Variables whose values never appear in an error message (they would end up in logs). */
const SECRETS = new Set(['AGENT_API_TOKEN', 'MicrosoftAppPassword', 'DIRECT_LINE_SECRET', 'DIRECT_LINE_TOKEN_KEY', 'MESSENGER_APP_SECRET', 'MESSENGER_PAGE_ACCESS_TOKEN', 'MESSENGER_VERIFY_TOKEN']);

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`configuration is invalid:\n${problems.join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws ConfigError with one line per bad variable. Empty values count as unset. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const keys = Object.keys(configSchema.def.in.def.shape);
  const input = Object.fromEntries(keys.map((key) => [key, env[key] === '' ? undefined : env[key]]).filter(([, value]) => value !== undefined));
  const result = configSchema.safeParse(input);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? 'configuration');
        const given = env[variable] === undefined || SECRETS.has(variable) ? '' : ` (got "${env[variable]}")`;
        return `${variable} ${issue.message}${given}`;
      }),
    );
  }
  return result.data;
}

/** The escalation policy's limits from the configuration. */
export function escalationPolicyFrom(config: Config): EscalationPolicy {
  return escalationPolicySchema.parse({
    upsetThreshold: config.UPSET_THRESHOLD,
    maxNoIntentTurns: config.MAX_NO_INTENT_TURNS,
    maxVerificationFailures: config.MAX_VERIFICATION_FAILURES,
  });
}

/** The NLU decision thresholds from the configuration. */
export function thresholdsFrom(config: Config): DecisionThresholds {
  return { confidenceThreshold: config.NLU_CONFIDENCE_THRESHOLD, ambiguityMargin: config.NLU_AMBIGUITY_MARGIN, minSimilarity: config.NLU_MIN_SIMILARITY };
}
