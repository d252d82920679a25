import { z } from 'zod';

export const TOKEN_SCOPES = ['read', 'act'] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

/** One integration allowed to call the agent API, named so the log says which one acted. */
export interface IntegrationToken {
  name: string;
  /** read: GET routes only; act: also claim, reply, note, release, transfer and close. */
  scope: TokenScope;
  /** When set, the token acts only as this agent (X-Agent-Login may be left out). */
  login?: string;
  token: string;
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;
const TOKEN = /^[A-Za-z0-9._~+/=-]{16,}$/;

/**
 * AGENT_API_TOKENS: comma-separated `name:scope:token` or `name:scope:login:token` entries, e.g.
 * `crm:read:<secret>,helpdesk:act:vili:<secret>`. Problems never quote a token (they reach the log).
 */
export const integrationTokensSchema = z
  .string()
  .default('')
  .transform((text, context) => {
    const tokens: IntegrationToken[] = [];
    const entries = text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    entries.forEach((entry, index) => {
      const parts = entry.split(':');
      const where = `entry ${index + 1}${NAME.test(parts[0] ?? '') ? ` (${parts[0]})` : ''}`;
      const problem = (message: string) => context.addIssue({ code: 'custom', message: `${where} ${message}` });
      if (parts.length !== 3 && parts.length !== 4) return problem('must be name:scope:token or name:scope:login:token');
      const [name, scope, login, token] = parts.length === 3 ? [parts[0]!, parts[1]!, undefined, parts[2]!] : [parts[0]!, parts[1]!, parts[2]!, parts[3]!];
      if (!NAME.test(name)) return problem('has a bad name: use 1-40 lower-case letters, digits, . _ -');
      if (!(TOKEN_SCOPES as readonly string[]).includes(scope)) return problem(`has scope "${scope}": use read or act`);
      if (!TOKEN.test(token))
        return problem('has a token shorter than 16 characters or with characters other than A-Z a-z 0-9 . _ ~ + / = - (use a random secret)');
      if (tokens.some((other) => other.name === name)) return problem('repeats a name: each integration needs its own');
      if (tokens.some((other) => other.token === token)) return problem('repeats a token: each integration needs its own');
      tokens.push({ name, scope: scope as TokenScope, ...(login ? { login: login.toLowerCase() } : {}), token });
    });
    return tokens;
  });
