import path from 'node:path';
import { z } from 'zod';
import { LANGUAGES, LOG_LEVELS } from '../core/index.js';
import type { DecisionThresholds } from '../nlu/index.js';

const number = (description: string, fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'must be a number' })
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
    MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant').describe('Bot Framework app type'),
    MicrosoftAppTenantId: optionalText('Tenant id for SingleTenant and UserAssignedMSI apps'),
  })
  .superRefine((config, context) => {
    if (config.MicrosoftAppId && !config.MicrosoftAppPassword && config.MicrosoftAppType !== 'UserAssignedMSI') {
      context.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
    if (config.MicrosoftAppType === 'SingleTenant' && !config.MicrosoftAppTenantId) {
      context.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: 'is required when MicrosoftAppType is SingleTenant' });
    }
  })
  .transform((config) => ({
    ...config,
    DATA_DIR: path.resolve(config.DATA_DIR),
    CONTENT_DIR: path.resolve(config.CONTENT_DIR),
    OUTAGE_FILE: path.resolve(config.OUTAGE_FILE),
    DEMO_ORDERS_FILE: path.resolve(config.DEMO_ORDERS_FILE),
  }));

export type Config = z.output<typeof configSchema>;

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
        const given = env[variable] === undefined ? '' : ` (got "${env[variable]}")`;
        return `${variable} ${issue.message}${given}`;
      }),
    );
  }
  return result.data;
}

/** The NLU decision thresholds from the configuration. */
export function thresholdsFrom(config: Config): DecisionThresholds {
  return { confidenceThreshold: config.NLU_CONFIDENCE_THRESHOLD, ambiguityMargin: config.NLU_AMBIGUITY_MARGIN, minSimilarity: config.NLU_MIN_SIMILARITY };
}
