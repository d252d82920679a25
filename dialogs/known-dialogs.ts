/** Dialog names an intent file may name in `dialog:`; `intents check` refuses any other. */
export const KNOWN_DIALOGS = ['opening_hours', 'outage', 'order_status'] as const;
export type KnownDialog = (typeof KNOWN_DIALOGS)[number];
