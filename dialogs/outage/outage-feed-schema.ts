import { z } from 'zod';

/** Services an outage can hit; each has a name per language in messages/bot.yaml (`outage_service_*`). */
export const OUTAGE_SERVICES = ['electricity', 'internet', 'mobile', 'tv'] as const;
export type OutageService = (typeof OUTAGE_SERVICES)[number];

/**
 * investigating: cause not known yet; repairing: a crew is fixing it; planned: maintenance break
 * (may start in the future); resolved: over (kept in feeds for history, never reported as current).
 */
export const OUTAGE_STATUSES = ['investigating', 'repairing', 'planned', 'resolved'] as const;
export type OutageStatus = (typeof OUTAGE_STATUSES)[number];

const instant = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with a time zone, such as 2026-11-23T07:40:00+02:00' })
  .transform((text) => new Date(text));

export const outageSchema = z.object({
  id: z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' }),
  service: z.enum(OUTAGE_SERVICES, { error: `must be one of ${OUTAGE_SERVICES.join(', ')}` }),
  status: z.enum(OUTAGE_STATUSES, { error: `must be one of ${OUTAGE_STATUSES.join(', ')}` }),
  areas: z
    .array(z.string().trim().min(1, { error: 'must not be empty' }), { error: 'must be a list of place names' })
    .min(1, { error: 'must name at least one area' })
    .describe('Towns or districts as customers name them, in the nominative: "Tampere", "Kallio"'),
  postalCodes: z
    .array(z.string().regex(/^\d{5}$/, { error: 'must be a five-digit Finnish postal code' }), { error: 'must be a list of postal codes' })
    .default([])
    .describe('Postal codes inside the outage area'),
  start: instant.describe('When the outage began (or, for planned work, begins)'),
  estimatedEnd: instant.nullable().default(null).describe('When it is expected to be fixed; null when there is no estimate'),
  updatesUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) address' }).describe('Where the customer can follow updates'),
});

/** The outage feed: `GET OUTAGE_API_URL` or the file `OUTAGE_FILE` (default demo/outages.json). */
export const outageFeedSchema = z.object({
  updatedAt: instant.optional().describe('When the feed was last updated'),
  outages: z.array(outageSchema, { error: 'must be a list of outages' }),
});

export type Outage = z.output<typeof outageSchema>;
export type OutageFeedData = z.output<typeof outageFeedSchema>;

/** Where the outage dialog reads outages; an HTTP API in production, a file out of the box. */
export interface OutageFeed {
  /** For logs: the URL or the file. */
  readonly source: string;
  /** Every outage in the feed; throws `BackendError` when the feed cannot be read or is invalid. */
  outages(): Promise<Outage[]>;
}
