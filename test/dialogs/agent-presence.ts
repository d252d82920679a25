import { loadMessages, type MessageCatalog } from '../../core/content/index.js';
import { joinedLine, leftLine, transferLine } from '../../dialogs/index.js';
import { PROJECT_ROOT } from '../support/test-bot.js';

/** Registers this file's tests; test/dialogs/dialog-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function agentPresenceTests(): void {
  let messages: MessageCatalog;
  beforeAll(async () => {
    messages = (await loadMessages(PROJECT_ROOT)).messages;
  });

  describe('the event lines that tell the customer who is talking', () => {
    test('an agent joins and leaves, in Finnish and English', () => {
      expect(joinedLine(messages, 'fi', 'Vili')).toBe('Vili liittyi keskusteluun.');
      expect(joinedLine(messages, 'en', 'Vili')).toBe('Vili joined the conversation.');
      expect(leftLine(messages, 'fi', 'Anna')).toBe('Anna poistui keskustelusta. Botti jatkaa.');
      expect(leftLine(messages, 'en', 'Anna')).toBe('Anna left the conversation. The bot continues.');
    });

    test('a transfer to an agent puts the name in the allative in Finnish', () => {
      expect(transferLine(messages, 'fi', 'Vili', { kind: 'agent', name: 'Anna' })).toBe('Vili siirsi sinut Annalle.');
      expect(transferLine(messages, 'fi', 'Anna', { kind: 'agent', name: 'Mikko' })).toBe('Anna siirsi sinut Mikolle.');
      expect(transferLine(messages, 'en', 'Vili', { kind: 'agent', name: 'Anna' })).toBe('Vili transferred you to Anna.');
    });

    test('a name that cannot be inflected safely stays in the nominative in a sentence that needs no case ending', () => {
      expect(transferLine(messages, 'fi', 'Vili', { kind: 'agent', name: 'Daniel' })).toBe(
        'Vili siirsi keskustelusi toiselle asiakaspalvelijalle. Sinua palvelee nyt Daniel.',
      );
      expect(transferLine(messages, 'en', 'Vili', { kind: 'agent', name: 'Daniel' })).toBe('Vili transferred you to Daniel.');
    });

    test('a transfer to a team reads as naturally', () => {
      expect(transferLine(messages, 'fi', 'Vili', { kind: 'team', name: 'laskutustiimi' })).toBe('Vili siirsi sinut laskutustiimille.');
      expect(transferLine(messages, 'fi', 'Vili', { kind: 'team', name: 'tekninen tuki' })).toBe(
        'Vili siirsi keskustelusi eteenpäin. Asiaasi hoitaa nyt tekninen tuki.',
      );
      expect(transferLine(messages, 'en', 'Vili', { kind: 'team', name: 'the billing team' })).toBe('Vili transferred you to the billing team.');
    });
  });
}
