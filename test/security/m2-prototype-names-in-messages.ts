import { startConsoleBot, VILI, type ConsoleBot } from '../support/console-bot.js';
import { mockExternalApis } from '../support/external-apis.js';
import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this finding's tests; ./findings-l8-to-m3.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function m2PrototypeNamesInMessages(): void {
  /**
   * Names every plain object inherits (Object.prototype, Function.prototype) and a few that libraries
   * treat specially (then, toJSON). Looked up in a plain object literal, "constructor" answered the
   * Object function and the turn failed; the error handler then wiped the conversation's state.
   */
  const PROTOTYPE_NAMES = [
    'constructor',
    '__proto__',
    'toString',
    'toLocaleString',
    'hasOwnProperty',
    'valueOf',
    'isPrototypeOf',
    'propertyIsEnumerable',
    '__defineGetter__',
    '__defineSetter__',
    '__lookupGetter__',
    '__lookupSetter__',
    'prototype',
    'apply',
    'bind',
    'call',
    'arguments',
    'caller',
    'length',
    'name',
    'then',
    'toJSON',
    '__esModule',
    'default',
    'size',
    'keys',
    'entries',
    'get',
    'set',
    'hasOwn',
  ];

  const SENTENCES = (name: string) => [
    name,
    `my order ${name} is late`,
    `are you open on ${name}?`,
    `is there an outage in ${name}`,
    `missä on ${name} paketti`,
    `ootteks auki ${name}`,
    `onko ${name} sähkökatko`,
  ];

  /** The answers that mean the turn failed (turn_error), in both languages. */
  const TURN_ERROR = /something went wrong on my side|minulle sattui virhe/;

  mockExternalApis();

  describe('M2: Object.prototype names in customer messages and ids', () => {
    let bot: TestBot;
    beforeAll(async () => {
      bot = await startTestBot({ now: () => new Date('2026-11-23T08:00:00Z') });
    });
    afterAll(async () => bot.stop());

    let logged = 0;
    beforeEach(() => {
      logged = bot.logs.length;
    });
    /** Turns that failed during this test (the error handler logs each one). */
    const failedTurns = () => bot.logs.slice(logged).filter((line) => line.includes('turn failed'));

    test.each(PROTOTYPE_NAMES)('messages containing "%s" in Finnish and English get a normal answer, no failed turn', async (name) => {
      for (const text of SENTENCES(name)) {
        const replies = await bot.say(text, { conversationId: `m2-words-${name}` });
        expect(replies.length).toBeGreaterThan(0);
        expect({ text, reply: replies.join('\n') }).toEqual({ text, reply: expect.not.stringMatching(TURN_ERROR) });
      }
      expect(failedTurns()).toEqual([]);
    });

    test.each(PROTOTYPE_NAMES)('"%s" as the conversation id and as the user id is an ordinary conversation', async (name) => {
      const asConversation = await bot.say('where is my parcel', { conversationId: name });
      expect(asConversation.join('\n')).toMatch(/order number/);
      expect(await bot.say('123456', { conversationId: name })).toEqual([expect.stringMatching(/order 123456 is yours/)]);
      const asUser = await bot.say('are you open on Sunday?', { conversationId: `m2-user-${name}`, from: { id: name } });
      expect(asUser.join('\n')).toMatch(/Sunday/);
      expect(failedTurns()).toEqual([]);
    });

    // The names are also English words, and the NLU may read one as a topic of its own ("arguments"
    // leans to billing, which a person handles): then the conversation has moved on to a case, which is
    // fine. What must hold is that the dialog's stored state survives the name: the next message is
    // handled in English, by the order dialog or by the case, never by a failed turn.
    test.each(PROTOTYPE_NAMES)('a running order dialog survives the message "%s": the next answer continues it in English', async (name) => {
      const conversationId = `m2-dialog-${name}`;
      expect((await bot.say('where is my parcel', { conversationId })).join('\n')).toMatch(/What is your order number/);
      const during = await bot.say(name, { conversationId });
      expect(during.join('\n')).not.toMatch(TURN_ERROR);
      const movedToAPerson = /agents? (handles|will)|passing your case/.test(during.join('\n'));
      expect(await bot.say('123456', { conversationId })).toEqual([
        expect.stringMatching(movedToAPerson ? /^Thanks, I've added this to your case/ : /^Thanks\. To make sure order 123456 is yours/),
      ]);
      expect(failedTurns()).toEqual([]);
    });
  });

  describe('M2: Object.prototype names as case ids in the agent API', () => {
    let bot: ConsoleBot;
    let cookie: string;
    beforeAll(async () => {
      bot = await startConsoleBot({ agents: [VILI] });
      cookie = await bot.signIn(VILI);
    });
    afterAll(async () => bot.stop());

    test.each(PROTOTYPE_NAMES)('GET /api/agent/cases/%s is 404 case_not_found, not an inherited function', async (name) => {
      const { status, body } = await bot.call('GET', `/api/agent/cases/${encodeURIComponent(name)}`, { cookie });
      expect({ status, code: body?.error?.code }).toEqual({ status: 404, code: 'case_not_found' });
    });
  });
}
