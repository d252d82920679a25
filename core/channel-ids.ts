/**
 * Channel ids that decide which door an activity may come in by. They live here, at the bottom, so the
 * HTTP endpoint (bot/) can refuse an activity that claims a channel served by another adapter (channels/).
 */

/** The Bot Framework Emulator: the only channel /api/messages takes without Azure credentials. */
export const EMULATOR_CHANNEL = 'emulator';

/** The built-in Direct Line's channel id (distinct from Azure's `directline`, so proactive sends never go to the wrong adapter). */
export const BUILT_IN_DIRECT_LINE_CHANNEL = 'vastaa-directline';

/** Facebook Messenger, whether through Azure Bot Service or the self-hosted webhook. */
export const FACEBOOK_CHANNEL = 'facebook';
