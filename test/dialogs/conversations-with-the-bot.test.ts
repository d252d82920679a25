import { describe } from '@jest/globals';
import clarification from './clarification.js';
import followUp from './follow-up.js';
import messageWording from './message-wording.js';
import notHelpful from './not-helpful.js';
import openingHoursOpeningHours from './opening-hours/opening-hours.js';

/**
 * Conversations with the whole bot about clarifying, follow-up questions, wording, 'not helpful' and opening hours, each in its own
 * file and describe block. They run as one jest file so that the app's modules load once for all of them instead of once per
 * file (most of a small file's cost in jest's ESM mode).
 */
describe('clarification', clarification);
describe('follow-up', followUp);
describe('message-wording', messageWording);
describe('not-helpful', notHelpful);
describe('opening-hours/opening-hours', openingHoursOpeningHours);
