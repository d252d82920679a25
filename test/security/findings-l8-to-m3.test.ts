import { describe } from '@jest/globals';
import l8DemoOrderApiPublic from './l8-demo-order-api-public.js';
import l9JournalLineOfWrongShape from './l9-journal-line-of-wrong-shape.js';
import m1ForgedAgentAndBotLines from './m1-forged-agent-and-bot-lines.js';
import m2PrototypeNamesInMessages from './m2-prototype-names-in-messages.js';
import m3OrderVerificationBruteForce from './m3-order-verification-brute-force.js';

/**
 * Findings l8 to m3 of the security review, each in its own file and describe block (the three that mock the external APIs with
 * nock are together here). They run as one jest file so that the app's modules load once for all of them instead of once per
 * finding (most of a small file's cost in jest's ESM mode).
 */
describe('l8-demo-order-api-public', l8DemoOrderApiPublic);
describe('l9-journal-line-of-wrong-shape', l9JournalLineOfWrongShape);
describe('m1-forged-agent-and-bot-lines', m1ForgedAgentAndBotLines);
describe('m2-prototype-names-in-messages', m2PrototypeNamesInMessages);
describe('m3-order-verification-brute-force', m3OrderVerificationBruteForce);
