import { startTestBot, type TestBot } from '../support/test-bot.js';

/** Registers this finding's tests; ./findings-l2-to-l7.test.ts runs them in a describe block of their own (hooks and all), one jest file for several findings. */
export default function l2MalformedFieldsWipeState(): void {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => bot.stop());

  async function post(conversationId: string, fields: Record<string, unknown>) {
    const answer = await bot.post({ conversation: { id: conversationId }, from: { id: 'u' }, ...fields });
    return answer as { status: number; body: { error?: { code: string; message: string }; activities?: { type: string; text?: string }[] } };
  }

  describe('fields a turn reads are checked before the turn runs', () => {
    test('the review\'s inputs (an invoke without value, membersAdded "x") get 400 naming the field and leave the conversation\'s dialog in place', async () => {
      const conversation = 'l2-keeps-state';
      expect(await bot.say('missä mun paketti on', { conversationId: conversation })).toEqual([
        'Tarkistan tilauksesi. Mikä on tilausnumerosi? Löydät sen tilausvahvistuksesta.',
      ]);

      const invoke = await post(conversation, { type: 'invoke', name: 'adaptiveCard/action' });
      expect(invoke.status).toBe(400);
      expect(invoke.body.error?.code).toBe('invalid_activity');
      expect(invoke.body.error?.message).toMatch(/^type must be one of message, conversationUpdate, /);

      const members = await post(conversation, { type: 'conversationUpdate', membersAdded: 'x' });
      expect(members.status).toBe(400);
      expect(members.body.error?.message).toMatch(/^membersAdded must be an array of members/);

      // The order dialog still waits for the number: the state was not wiped by a failed turn.
      expect(await bot.say('#123 456', { conversationId: conversation })).toEqual([
        'Kiitos. Varmistan vielä, että tilaus 123456 on sinun: kirjoita tilauksella oleva sähköpostiosoite tai toimitusosoitteen postinumero.',
      ]);
    });

    test.each([
      ['membersAdded', { type: 'conversationUpdate', membersAdded: [{ name: 'no id' }] }, /^membersAdded\.0\.id is required/],
      ['membersRemoved', { type: 'conversationUpdate', membersRemoved: 'x' }, /^membersRemoved must be an array/],
      ['reactionsAdded', { type: 'messageReaction', reactionsAdded: [1] }, /^reactionsAdded\.0 /],
      ['attachments', { text: 'hei', attachments: 'x' }, /^attachments must be an array of attachments/],
      ['attachments[0].contentType', { text: 'hei', attachments: [{ content: 'x' }] }, /^attachments\.0\.contentType is required/],
      ['entities', { text: 'hei', entities: { type: 'mention' } }, /^entities must be an array of entities/],
      ['locale', { text: 'hei', locale: 42 }, /^locale must be text/],
      ['locale length', { text: 'hei', locale: 'fi-'.repeat(40) }, /^locale is longer than 64 characters/],
      ['name', { type: 'event', name: { x: 1 } }, /^name must be text/],
      ['timestamp', { text: 'hei', timestamp: 'yesterday-ish' }, /^timestamp must be an ISO 8601 date-time/],
      ['recipient', { text: 'hei', recipient: 'bot' }, /^recipient must be /],
      ['from.name', { text: 'hei', from: { id: 'u', name: ['Anna'] } }, /^from\.name must be text/],
      ['conversation.isGroup', { text: 'hei', conversation: { id: 'l2-group', isGroup: 'yes' } }, /^conversation\.isGroup must be true or false/],
      ['a bot-only type (trace)', { type: 'trace', name: 'nlu' }, /^type must be one of/],
      ['a bot-only type (delay)', { type: 'delay', value: 1000 }, /^type must be one of/],
    ])('a malformed %s is refused with 400 naming it, and no turn runs', async (_field, fields, message) => {
      const response = await post(`l2-${_field}`, fields);
      expect(response.status).toBe(400);
      expect(response.body.error?.code).toBe('invalid_activity');
      expect(response.body.error?.message).toMatch(message);
      expect(bot.logs.filter((line) => line.includes('turn failed'))).toEqual([]);
    });

    test.each([
      ['a typing indicator', { type: 'typing' }],
      ['an event with a name', { type: 'event', name: 'webchat/join', value: { language: 'fi' } }],
      ['a conversation update with well-formed members', { type: 'conversationUpdate', membersAdded: [{ id: 'u' }, { id: 'bot' }] }],
      [
        'a message with attachments and entities',
        {
          text: 'hei',
          attachments: [{ contentType: 'image/png', contentUrl: 'http://127.0.0.1/x.png' }],
          entities: [{ type: 'ClientCapabilities' }],
          timestamp: '2026-11-27T10:00:00.000Z',
        },
      ],
    ])('%s is still accepted', async (_name, fields) => {
      const response = await post(`l2-ok-${_name}`, fields);
      expect(response.status).toBe(200);
      expect(bot.logs.filter((line) => line.includes('turn failed'))).toEqual([]);
    });
  });
}
