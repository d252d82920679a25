import { describe } from '@jest/globals';
import handoffReasons from './handoff-reasons.js';
import nextStepMessage from './next-step-message.js';
import nextStepWithoutEmail from './next-step-without-email.js';
import personPromises from './person-promises.js';
import personalData from './personal-data.js';

/**
 * Handoffs through the whole bot: reasons, the next step told to the customer, promises of a person and personal data, each in its
 * own file and describe block. They run as one jest file so that the app's modules load once for all of them instead of once per
 * file (most of a small file's cost in jest's ESM mode).
 */
describe('handoff-reasons', handoffReasons);
describe('next-step-message', nextStepMessage);
describe('next-step-without-email', nextStepWithoutEmail);
describe('person-promises', personPromises);
describe('personal-data', personalData);
