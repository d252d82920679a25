import { describe } from '@jest/globals';
import channelConfig from './channel-config.js';
import directlineAddressRateLimit from './directline/address-rate-limit.js';
import directlineDirectLine from './directline/direct-line.js';
import directlineFailedTurnAnswer from './directline/failed-turn-answer.js';
import messengerAgentPresenceOnMessenger from './messenger/agent-presence-on-messenger.js';
import messengerMessengerReceipts from './messenger/messenger-receipts.js';
import messengerMessengerSendApi from './messenger/messenger-send-api.js';
import messengerMessengerWebhook from './messenger/messenger-webhook.js';
import repliesShapeReply from './replies/shape-reply.js';
import webchatChatPage from './webchat/chat-page.js';
import webchatChatPageTexts from './webchat/chat-page-texts.js';
import webchatWebchatIdentity from './webchat/webchat-identity.js';

/**
 * The customer channels without a browser: Direct Line, Messenger, reply shaping, the chat page (test/bot/channels), each in its own file and describe block.
 * They run as one jest file so that the app's modules load once for all of them instead of once per file (most of a small file's
 * cost in jest's ESM mode).
 */
describe('channel-config', channelConfig);
describe('directline/address-rate-limit', directlineAddressRateLimit);
describe('directline/direct-line', directlineDirectLine);
describe('directline/failed-turn-answer', directlineFailedTurnAnswer);
describe('messenger/agent-presence-on-messenger', messengerAgentPresenceOnMessenger);
describe('messenger/messenger-receipts', messengerMessengerReceipts);
describe('messenger/messenger-send-api', messengerMessengerSendApi);
describe('messenger/messenger-webhook', messengerMessengerWebhook);
describe('replies/shape-reply', repliesShapeReply);
describe('webchat/chat-page-texts', webchatChatPageTexts);
describe('webchat/chat-page', webchatChatPage);
describe('webchat/webchat-identity', webchatWebchatIdentity);
