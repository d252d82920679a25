import { describe } from '@jest/globals';
import agentActions from './agent-actions.js';
import customerTyping from './customer-typing.js';
import inFlightTurns from './in-flight-turns.js';
import oneTurn from './one-turn.js';
import queueUpdates from './queue-updates.js';
import replyDelivery from './reply-delivery.js';
import turnBuilder from './turn-builder.js';

/**
 * The turn's parts and the turn through the whole bot (test/bot/turn), each in its own file and describe block.
 * They run as one jest file so that the app's modules load once for all of them instead of once per file (most of a small file's
 * cost in jest's ESM mode).
 */
describe('agent-actions', agentActions);
describe('customer-typing', customerTyping);
describe('in-flight-turns', inFlightTurns);
describe('one-turn', oneTurn);
describe('queue-updates', queueUpdates);
describe('reply-delivery', replyDelivery);
describe('turn-builder', turnBuilder);
