import { afterAll, describe } from '@jest/globals';
import { closeSharedChromium } from '../../../support/browser.js';
import agentPresenceInBrowser from './agent-presence-in-browser.js';
import webChatIdentityInBrowser from './web-chat-identity-in-browser.js';

/**
 * The chat page in Chromium: a conversation that outlives the tab, the embed script, agents' presence (test/bot/channels/webchat), each in its own file and describe block.
 * They run as one jest file so that the app's modules load once for all of them instead of once per file (most of a small file's
 * cost in jest's ESM mode); they share one Chromium too, closed after the last of them.
 */
afterAll(closeSharedChromium);
describe('web-chat-identity-in-browser', webChatIdentityInBrowser);
describe('agent-presence-in-browser', agentPresenceInBrowser);
