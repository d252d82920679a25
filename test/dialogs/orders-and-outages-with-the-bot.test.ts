import { describe } from '@jest/globals';
import orderStatusOrderAnswers from './order-status/order-answers.js';
import orderStatusOrderStatus from './order-status/order-status.js';
import outageOutage from './outage/outage.js';
import outageOutageFitsQuestion from './outage/outage-fits-question.js';

/**
 * Conversations with the whole bot about orders and outages, each in its own file and describe block. They run as one jest file so
 * that the app's modules load once for all of them instead of once per file (most of a small file's cost in jest's ESM mode).
 */
describe('order-status/order-answers', orderStatusOrderAnswers);
describe('order-status/order-status', orderStatusOrderStatus);
describe('outage/outage-fits-question', outageOutageFitsQuestion);
describe('outage/outage', outageOutage);
