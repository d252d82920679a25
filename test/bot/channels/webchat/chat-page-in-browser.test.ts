import { afterAll, describe } from '@jest/globals';
import { closeSharedChromium } from '../../../support/browser.js';
import emailWhenGoneInBrowser from './email-when-gone-in-browser.js';
import webChatInBrowser from './web-chat-in-browser.js';

/**
 * The chat page in Chromium: answers, handoff, e-mail when the customer has gone (test/bot/channels/webchat), each in its own file and describe block.
 * They run as one jest file so that the app's modules load once for all of them instead of once per file (most of a small file's
 * cost in jest's ESM mode); they share one Chromium too, closed after the last of them.
 */
afterAll(closeSharedChromium);
describe('web-chat-in-browser', webChatInBrowser);
describe('email-when-gone-in-browser', emailWhenGoneInBrowser);
