import { OUTAGE_SERVICES } from './outage-feed-schema.js';

/**
 * Messages the outage dialog says (messages/bot.yaml); `outage_service_<service>` names each service,
 * `outage_words_<service>` are the words that ask about it and `outage_self_help_<service>` what to try.
 * Optional: `outage_power_explains_<service>` says how a power cut explains a fault in that service.
 */
export const OUTAGE_MESSAGES = [
  'outage_ask_area',
  'outage_one_here',
  'outage_many_here',
  'outage_all',
  'outage_area_not_recognised',
  'outage_none_here',
  'outage_none',
  'outage_self_help',
  'outage_item',
  'outage_status_investigating',
  'outage_status_repairing',
  'outage_status_planned',
  'outage_began',
  'outage_begins',
  'outage_fix_estimate',
  'outage_planned_end',
  'outage_fix_unknown',
  'outage_fix_overdue',
  'outage_follow',
  'outage_unavailable',
  'outage_none_here_service',
  'outage_none_service',
  'outage_other_here',
  'outage_or',
  'outage_self_help_intro',
  'outage_self_help_outro',
  ...OUTAGE_SERVICES.map((service) => `outage_service_${service}` as const),
  ...OUTAGE_SERVICES.map((service) => `outage_service_${service}_plural` as const),
  ...OUTAGE_SERVICES.map((service) => `outage_words_${service}` as const),
  ...OUTAGE_SERVICES.map((service) => `outage_self_help_${service}` as const),
] as const;
