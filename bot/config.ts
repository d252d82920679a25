import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, LOG_LEVELS } from '../core/index.js';
import {
  DEFAULT_CASE_TEAMS,
  escalationPolicySchema,
  parseFirstResponseMinutes,
  type CaseTeams,
  type EscalationPolicy,
  type SlaPolicy,
} from '../handoff/index.js';
import type { DecisionThresholds } from '../core/nlu/index.js';
import type { VerificationLimits } from './store/index.js';
import { trustedProxyProblem } from './http/client-address.js';
import { integrationTokensSchema } from './agent-console/integration-tokens.js';
import { frameAncestorSource } from './http/page-headers.js';

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

/** Whole minutes with no default here: the transform below decides (e.g. from an older name). */
const optionalMinutes = (description: string) =>
  z.coerce
    .number({ error: 'must be a number' })
    .int({ error: 'must be a whole number' })
    .min(1, { error: 'must be at least 1' })
    .max(1440, { error: 'must be at most 1440' })
    .optional()
    .describe(description);

const flag = (description: string, byDefault: 'true' | 'false' = 'false') =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: 'must be true or false' })
    .default(byDefault)
    .transform((value) => ['true', '1', 'yes'].includes(value))
    .describe(description);

const optionalText = (description: string) =>
  z
    .string()
    .transform((value) => (value.trim() === '' ? undefined : value.trim()))
    .optional()
    .describe(description);

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
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .describe(description);

/** The outage feed of the demo, used when DEMO is on and neither OUTAGE_API_URL nor OUTAGE_FILE is set. */
const DEMO_OUTAGE_FILE = './demo/outages.json';

/** DEMO as set, else on everywhere but NODE_ENV=production. */
function demoOn(config: { DEMO?: boolean; NODE_ENV?: string }): boolean {
  return config.DEMO ?? config.NODE_ENV !== 'production';
}

/** Every setting, read once from the environment at start-up. `.env.example` documents the same list. */
export const configSchema = z
  .object({
    PORT: number('TCP port of the HTTP server', 3978, 0, 65535),
    HOST: z.string().min(1).default('127.0.0.1').describe('Interface to listen on; 0.0.0.0 in a container'),
    DATA_DIR: z.string().min(1).default('./data').describe('Folder for the embedded store'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, { error: 'must be a postgres:// URL, e.g. postgres://vastaa:secret@db.example.com:5432/vastaa' })
      .optional()
      .describe(
        'PostgreSQL for every store (cases, state, transcripts, web chat conversations and pages, agent sessions and presence, sign-in and verification counts, web chat rate limits), shared by any number of instances; migrate it first with `npm run db -- migrate`. Unset: files in DATA_DIR, one process',
      ),
    DATABASE_CONNECTIONS: wholeNumber(
      "PostgreSQL connections this instance opens at most, besides its listener: two thirds hold the turns' conversation locks, one third runs queries. Size the server's max_connections for every instance's share",
      30,
      3,
      1000,
    ),
    CONTENT_DIR: z.string().min(1).default('.').describe('Folder that holds intents/ and messages/'),
    CONTENT_RELOAD: z.enum(['watch', 'signal', 'off'], { error: 'must be watch, signal or off' }).default('watch').describe('How content changes go live'),
    DEFAULT_LANGUAGE: z
      .enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` })
      .default('fi')
      .describe('Language when a message does not tell'),
    LOG_LEVEL: z
      .enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` })
      .default('info')
      .describe('Least severe log level printed'),
    MAX_BODY_BYTES: number('Largest accepted request body in bytes', 262_144, 1024, 10_485_760),
    NLU_CACHE_DIR: optionalText(
      'Folder where trained NLU models are kept by content version, so a restart with unchanged content skips training; unset: train at every start',
    ),
    DEBUG_TRACE: flag('Send NLU trace activities on every channel, not only the Emulator'),
    NLU_CONFIDENCE_THRESHOLD: number('Calibrated probability below which a message has no intent', 0.5, 0, 1),
    NLU_AMBIGUITY_MARGIN: number('Best two intents closer than this are ambiguous', 0.1, 0, 1),
    NLU_MIN_SIMILARITY: number('Similarity to the nearest example below which a message is unfamiliar', 0.2, 0, 1),
    UPSET_THRESHOLD: number('Accumulated frustration at which an upset customer goes to a person (two annoyed messages reach 3)', 3, 0.5, 100),
    MAX_NO_INTENT_TURNS: wholeNumber('Turns in a row the bot may fail to understand before a person takes over', 2, 1, 10),
    MAX_VERIFICATION_FAILURES: wholeNumber(
      'Failed order verifications, per order and per customer across conversations within VERIFICATION_WINDOW_HOURS, after which the order and the customer are locked for VERIFICATION_LOCK_MINUTES and a person takes over',
      3,
      1,
      10,
    ),
    VERIFICATION_WINDOW_HOURS: wholeNumber('Hours a failed order verification counts towards MAX_VERIFICATION_FAILURES', 24, 1, 720),
    VERIFICATION_LOCK_MINUTES: wholeNumber(
      'Minutes an order (and the customer) stay locked after too many failed verifications; every check of it then gets the same answer and a person',
      30,
      1,
      1440,
    ),
    RETENTION_DAYS: wholeNumber('Days to keep ended cases and idle transcripts before they are deleted', 90, 1, 3650),
    METRICS_TOKEN: optionalText('Bearer token for GET /api/metrics; unset: the route refuses every request'),
    ADMIN_TOKEN: optionalText('Bearer token for the customer-data export and erasure API; unset: refused'),
    NODE_ENV: optionalText('production: the demo (DEMO) is off unless DEMO=true, and the order API and outage feed must be configured'),
    DEMO: z
      .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
      .transform((value) => ['true', '1', 'yes'].includes(value))
      .optional()
      .describe(
        'The demo backends: the built-in demo order API (GET /demo/order-api, loopback only) when ORDER_API_URL is unset, and demo/outages.json when OUTAGE_API_URL and OUTAGE_FILE are unset; unset: on, except with NODE_ENV=production',
      ),
    OUTAGE_API_URL: optionalUrl('Outage feed (GET, JSON as in docs/configuration.md); unset: read OUTAGE_FILE'),
    OUTAGE_FILE: optionalText('Outage feed file used when OUTAGE_API_URL is unset; unset: the demo file demo/outages.json (only while DEMO is on)'),
    OUTAGE_API_TIMEOUT_MS: number('How long to wait for the outage feed, in milliseconds', 3000, 100, 60_000),
    ORDER_API_URL: optionalUrl('Order API base address; the bot calls GET {ORDER_API_URL}/orders/{id}. Unset: the built-in demo API (only while DEMO is on)'),
    ORDER_API_TOKEN: optionalText('Bearer token sent to the order API'),
    ORDER_API_TIMEOUT_MS: number('How long to wait for the order API, in milliseconds', 3000, 100, 60_000),
    DEMO_ORDERS_FILE: z
      .string()
      .min(1)
      .default('./demo/orders.json')
      .describe('Orders the built-in demo order API serves while DEMO is on and ORDER_API_URL is unset'),
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
    WEB_CHAT: flag('Serve the chat page at / and /chat, with the built-in Direct Line when WEBCHAT_DIRECT_LINE=builtin; false: neither', 'true'),
    WEBCHAT_DIRECT_LINE: z
      .enum(['builtin', 'azure'], { error: 'must be builtin or azure' })
      .default('builtin')
      .describe("Where the chat page's Web Chat connects: this server's own Direct Line, or Azure Bot Service's"),
    BOT_DISPLAY_NAME: z
      .string()
      .trim()
      .min(1)
      .default('Vastaa')
      .describe("The bot's display name; a message with another sender name (from.name) is an agent's"),
    DIRECT_LINE_SECRET: optionalText('Azure Direct Line secret (WEBCHAT_DIRECT_LINE=azure); exchanged server-side for a token, never sent to browsers'),
    DIRECT_LINE_ENDPOINT: z
      .url({ error: 'must be a URL' })
      .default('https://directline.botframework.com/v3/directline')
      .describe('Azure Direct Line endpoint (regional ones differ)'),
    DIRECT_LINE_TOKEN_KEY: optionalText('Key that signs built-in Direct Line tokens (at least 32 characters); unset: a random key per process'),
    WEB_CHAT_IDENTITY_KEY: optionalText(
      "Key (at least 32 characters) that signs the chat visitor's identity cookie; every instance needs the same one; unset: a random key per process (visitors start afresh after a restart)",
    ),
    WEB_CHAT_IDENTITY_DAYS: wholeNumber('Days a web chat visitor keeps the same identity and open conversation without visiting', 90, 1, 730),
    DIRECT_LINE_TOKEN_TTL: number('Lifetime of a built-in Direct Line token in seconds; Web Chat refreshes it every 15 minutes', 1800, 1200, 86_400),
    DIRECT_LINE_MAX_CONVERSATIONS: wholeNumber(
      'Built-in Direct Line conversations with a customer message held at once; at the cap new chats get 503 busy',
      10_000,
      1,
      1_000_000,
    ),
    DIRECT_LINE_EMPTY_CONVERSATION_MINUTES: number(
      'Minutes a built-in Direct Line conversation without a customer message is kept (its stream is closed; Web Chat reconnects)',
      5,
      0.5,
      1440,
    ),
    DIRECT_LINE_STARTS_PER_MINUTE: wholeNumber(
      'Per client address: new chat tokens a minute, and separately new conversations a minute (burst of the same size); more get 429',
      20,
      1,
      100_000,
    ),
    DIRECT_LINE_HISTORY_BYTES: wholeNumber(
      'Bytes of history (activities as JSON) kept per built-in Direct Line conversation; older activities are dropped first',
      1_048_576,
      65_536,
      67_108_864,
    ),
    MESSENGER_APP_SECRET: optionalText('Meta app secret: verifies X-Hub-Signature-256 of Messenger webhook calls'),
    MESSENGER_PAGE_ACCESS_TOKEN: optionalText('Page access token for the Messenger Send API'),
    MESSENGER_VERIFY_TOKEN: optionalText('Token Meta echoes in the webhook verification handshake (hub.verify_token)'),
    MESSENGER_GRAPH_URL: z.url({ error: 'must be a URL' }).default('https://graph.facebook.com/v21.0').describe('Graph API base URL with version'),
    AGENT_CONSOLE: flag(
      'Serve the agent console at /agent and the agent API under /api/agent; false: neither (GET /api/metrics then needs METRICS_TOKEN)',
      'true',
    ),
    AGENTS_FILE: optionalText('The agents of the agent console (login, name, scrypt password hash, language); unset: DATA_DIR/agents.yaml'),
    CANNED_REPLIES_FILE: optionalText("Agents' canned replies per language; unset: CONTENT_DIR/messages/canned-replies.yaml"),
    SLA_FIRST_RESPONSE_MINUTES: z
      .string()
      .default('1:2,2:5,3:15')
      .transform((value, context) => {
        const parsed = parseFirstResponseMinutes(value);
        if ('minutes' in parsed) return parsed.minutes;
        for (const problem of parsed.problems) context.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      })
      .describe(
        'Minutes to the first agent reply by case priority (1 upset, 2 sensitive, 3 the rest) as priority:minutes, e.g. 1:2,2:5,3:15; the agent console turns a case amber, then red and first in the queue',
      ),
    SLA_WARNING_SHARE: number(
      'Share of the first-response time after which a case turns amber in the agent console (0.5: half the time is gone)',
      0.5,
      0.05,
      0.95,
    ),
    AGENT_SESSION_HOURS: number('Hours an agent stays signed in without using the console', 12, 0.1, 168),
    CASE_ROUTING: z
      .enum(['on', 'off'], { error: 'must be on or off' })
      .default('off')
      .describe(
        'on: each new case is given to the least busy online agent with its language and team (round robin), up to their maxChats; off: every case waits in the shared queue until someone claims it',
      ),
    CASE_TEAMS: z
      .string()
      .optional()
      .transform((value, context) => {
        if (value === undefined) return DEFAULT_CASE_TEAMS;
        const teams: Record<string, string> = {};
        for (const pair of value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean)) {
          const match = /^([a-z0-9_]+):([a-z0-9_-]+)$/.exec(pair);
          if (match) teams[match[1]!] = match[2]!;
          else context.addIssue({ code: 'custom', message: `must be intent-or-reason:team pairs, e.g. billing:billing,upset:complaints ("${pair}" is not)` });
        }
        return teams as CaseTeams;
      })
      .describe(
        'Which team takes which cases, as intent-or-reason:team pairs (the intent is looked up first), e.g. billing:billing,order_status:orders,outage:outages (the default); cases of other intents go to any agent',
      ),
    AGENT_OFFLINE_AFTER_MINUTES: number(
      'Minutes after the last console of an agent closed (or the agent went quiet) before they are set offline and get no more cases',
      2,
      0.01,
      120,
    ),
    AGENT_SIGN_IN_ATTEMPTS: wholeNumber(
      'Wrong passwords for one login (from any address) before each further try must wait a delay that doubles, up to AGENT_SIGN_IN_MAX_DELAY_SECONDS; the right password still signs in after the wait',
      5,
      1,
      100,
    ),
    AGENT_SIGN_IN_MAX_DELAY_SECONDS: wholeNumber('Longest wait between sign-in tries for one login after too many wrong passwords', 60, 1, 600),
    AGENT_SIGN_IN_ADDRESS_ATTEMPTS: wholeNumber(
      'Wrong passwords from one client address (any logins) per AGENT_SIGN_IN_WINDOW_MINUTES before that address must wait for the window to end',
      20,
      1,
      10_000,
    ),
    AGENT_SIGN_IN_WINDOW_MINUTES: optionalMinutes(
      'Minutes after which wrong passwords are forgotten (per login: since the last one; per address: since the first); default 15',
    ),
    AGENT_SIGN_IN_LOCK_MINUTES: optionalMinutes(
      'Old name of AGENT_SIGN_IN_WINDOW_MINUTES (sign-in no longer locks; it slows down); still read, with a warning',
    ),
    AGENT_API_TOKEN: optionalText('Deprecated master key for integrations: acts as any agent named in X-Agent-Login; use AGENT_API_TOKENS'),
    AGENT_API_TOKENS: integrationTokensSchema.describe(
      'Integration tokens for the agent API, comma-separated name:scope:token or name:scope:login:token (scope read or act; login binds the token to one agent)',
    ),
    PUBLIC_URL: optionalUrl(
      'The address customers reach this server at (e.g. https://chat.example.fi); emailed agent replies link back to {PUBLIC_URL}/chat. Needed with SMTP_URL',
    ),
    SMTP_URL: z
      .string()
      .transform((value) => value.trim())
      .refine((value) => value === '' || /^smtps?:\/\/[^\s]+$/.test(value), { error: 'must be an smtp:// or smtps:// address' })
      .transform((value) => (value === '' ? undefined : value))
      .optional()
      .describe(
        'SMTP server for emailing agent replies to customers who have left the chat (e.g. smtps://user:password@smtp.example.fi:465); unset: the bot never offers email and tells customers to come back to the chat page',
      ),
    MAIL_FROM: optionalText('Sender of emailed agent replies, e.g. "Asiakaspalvelu <asiakaspalvelu@example.fi>"; needed with SMTP_URL'),
    QUEUE_UPDATE_SECONDS: wholeNumber(
      'Least seconds between two queue-place updates the bot sends a waiting customer (only when the place changed)',
      60,
      5,
      3600,
    ),
    TRUSTED_PROXIES: list(
      'Comma-separated proxies whose X-Forwarded-For/-Proto/-Host are believed: loopback, uniquelocal, addresses or CIDR ranges (e.g. loopback for nginx on the same host); unset: none, the socket address is the client',
    ),
    CHAT_FRAME_ANCESTORS: list(
      "Comma-separated origins that may show /chat in an iframe (e.g. https://www.example.fi, https://*.example.fi), or self, or none; unset: self (only this server's own pages)",
    ),
  })
  .superRefine((config, context) => {
    // A production bot without its backends would answer order and outage questions from the demo files
    // (and serve the demo orders' personal data); refusing to start says what to set (review L8).
    if (!demoOn(config)) {
      const why = config.DEMO === false ? 'DEMO is false' : 'NODE_ENV is production and DEMO is not true';
      if (!config.ORDER_API_URL)
        context.addIssue({
          code: 'custom',
          path: ['ORDER_API_URL'],
          message: `is required when ${why}: set your order API, or DEMO=true to run on the demo orders`,
        });
      if (!config.OUTAGE_API_URL && !config.OUTAGE_FILE) {
        context.addIssue({
          code: 'custom',
          path: ['OUTAGE_API_URL'],
          message: `(or OUTAGE_FILE) is required when ${why}: set your outage feed, or DEMO=true to run on demo/outages.json`,
        });
      }
    }
    for (const entry of config.CHAT_FRAME_ANCESTORS) {
      if (!frameAncestorSource(entry)) {
        context.addIssue({
          code: 'custom',
          path: ['CHAT_FRAME_ANCESTORS'],
          message: `"${entry}" is not an origin such as https://www.example.fi (scheme and host, no path), self or none`,
        });
      }
    }
    const ancestors = config.CHAT_FRAME_ANCESTORS.map((entry) => frameAncestorSource(entry));
    if (ancestors.includes("'none'") && ancestors.length > 1) {
      context.addIssue({ code: 'custom', path: ['CHAT_FRAME_ANCESTORS'], message: 'none cannot be combined with other entries' });
    }
    for (const entry of config.TRUSTED_PROXIES) {
      const problem = trustedProxyProblem(entry);
      if (problem) context.addIssue({ code: 'custom', path: ['TRUSTED_PROXIES'], message: problem });
    }
    if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
      context.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    for (const token of ['METRICS_TOKEN', 'ADMIN_TOKEN', 'AGENT_API_TOKEN'] as const) {
      const value = config[token];
      if (value !== undefined && value.length < 16)
        context.addIssue({ code: 'custom', path: [token], message: 'must be at least 16 characters (use a random secret)' });
    }
    if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
      context.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppType is SingleTenant' });
    }
    if (config.WEBCHAT_DIRECT_LINE === 'azure' && !config.DIRECT_LINE_SECRET) {
      context.addIssue({ code: 'custom', path: ['DIRECT_LINE_SECRET'], message: 'is required when WEBCHAT_DIRECT_LINE is azure' });
    }
    if (config.WEB_CHAT_IDENTITY_KEY !== undefined && config.WEB_CHAT_IDENTITY_KEY.length < 32) {
      context.addIssue({ code: 'custom', path: ['WEB_CHAT_IDENTITY_KEY'], message: 'must be at least 32 characters' });
    }
    if (config.DIRECT_LINE_TOKEN_KEY !== undefined && config.DIRECT_LINE_TOKEN_KEY.length < 32) {
      context.addIssue({ code: 'custom', path: ['DIRECT_LINE_TOKEN_KEY'], message: 'must be at least 32 characters' });
    }
    if (config.SMTP_URL) {
      for (const key of ['MAIL_FROM', 'PUBLIC_URL'] as const) {
        if (!config[key])
          context.addIssue({ code: 'custom', path: [key], message: 'is required when SMTP_URL is set (emailed replies need a sender and a link back)' });
      }
    }
    const messenger = ['MESSENGER_APP_SECRET', 'MESSENGER_PAGE_ACCESS_TOKEN', 'MESSENGER_VERIFY_TOKEN'] as const;
    const given = messenger.filter((key) => config[key] !== undefined);
    if (given.length > 0) {
      for (const key of messenger.filter((key) => config[key] === undefined)) {
        context.addIssue({
          code: 'custom',
          path: [key],
          message: `is required when ${given.join(' and ')} ${given.length === 1 ? 'is' : 'are'} set (self-hosted Messenger needs all three)`,
        });
      }
    }
  })
  .transform((config) => {
    const dataDir = path.resolve(config.DATA_DIR);
    const contentDir = path.resolve(config.CONTENT_DIR);
    return {
      ...config,
      DEMO: demoOn(config),
      DATA_DIR: dataDir,
      CONTENT_DIR: contentDir,
      OUTAGE_FILE: path.resolve(config.OUTAGE_FILE ?? DEMO_OUTAGE_FILE),
      DEMO_ORDERS_FILE: path.resolve(config.DEMO_ORDERS_FILE),
      AGENTS_FILE: path.resolve(config.AGENTS_FILE ?? path.join(dataDir, 'agents.yaml')),
      CHAT_FRAME_ANCESTORS: config.CHAT_FRAME_ANCESTORS.length === 0 ? ["'self'"] : config.CHAT_FRAME_ANCESTORS.map((entry) => frameAncestorSource(entry)!),
      CANNED_REPLIES_FILE: path.resolve(config.CANNED_REPLIES_FILE ?? defaultCannedReplies(contentDir)),
      AGENT_SIGN_IN_WINDOW_MINUTES: config.AGENT_SIGN_IN_WINDOW_MINUTES ?? config.AGENT_SIGN_IN_LOCK_MINUTES ?? 15,
    };
  });

export type Config = z.output<typeof configSchema>;

/** Variables whose values never appear in an error message (they would end up in logs). */
const SECRETS = new Set([
  'DATABASE_URL',
  'AGENT_API_TOKEN',
  'AGENT_API_TOKENS',
  'MicrosoftAppPassword',
  'DIRECT_LINE_SECRET',
  'DIRECT_LINE_TOKEN_KEY',
  'WEB_CHAT_IDENTITY_KEY',
  'MESSENGER_APP_SECRET',
  'MESSENGER_PAGE_ACCESS_TOKEN',
  'MESSENGER_VERIFY_TOKEN',
  'SMTP_URL',
]);

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

/** The verification counter's limits from the configuration; the same limit as the escalation policy's. */
/** The first-response SLA the agent console shows on each case. */
export function slaPolicyFrom(config: Config): SlaPolicy {
  return { firstResponseMinutes: config.SLA_FIRST_RESPONSE_MINUTES, warningShare: config.SLA_WARNING_SHARE };
}

export function verificationLimitsFrom(config: Config): VerificationLimits {
  return {
    maxFailures: config.MAX_VERIFICATION_FAILURES,
    windowMs: config.VERIFICATION_WINDOW_HOURS * 3_600_000,
    lockMs: config.VERIFICATION_LOCK_MINUTES * 60_000,
  };
}

/** The NLU decision thresholds from the configuration. */
export function thresholdsFrom(config: Config): DecisionThresholds {
  return { confidenceThreshold: config.NLU_CONFIDENCE_THRESHOLD, ambiguityMargin: config.NLU_AMBIGUITY_MARGIN, minSimilarity: config.NLU_MIN_SIMILARITY };
}

/**
 * The canned replies sit with the other messages (messages/canned-replies.yaml). Content folders set up
 * before that kept them in agent-console/: that file is still used while the new one does not exist.
 */
function defaultCannedReplies(contentDir: string): string {
  const current = path.join(contentDir, 'messages', 'canned-replies.yaml');
  const earlier = path.join(contentDir, 'agent-console', 'canned-replies.yaml');
  return !existsSync(current) && existsSync(earlier) ? earlier : current;
}
