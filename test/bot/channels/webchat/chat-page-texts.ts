import { agentStatus, chatPageLook, DEFAULT_CHAT_COLOR } from '../../../../bot/channels/webchat/chat-page-texts.js';
import { loadContent, type Content } from '../../../../core/content/index.js';
import { PROJECT_ROOT } from '../../../support/test-bot.js';

/** Registers this file's tests; ../channels-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function webchatChatPageTexts(): void {
  let content: Content;
  beforeAll(async () => {
    content = (await loadContent(PROJECT_ROOT)).content;
  });

  describe("the chat header's status, from the opening hours of the channel where agents answer", () => {
    test('open: until when, in Finnish and English', () => {
      // Monday 23 November 2026, 10:00 in Helsinki; the chat is open 8-18.
      const monday = new Date('2026-11-23T08:00:00Z');
      expect(agentStatus(content, 'fi', monday)).toEqual({ open: true, text: 'Avoinna tänään klo 18 asti' });
      expect(agentStatus(content, 'en', monday)).toEqual({ open: true, text: 'Open until today at 18:00' });
    });

    test('closed: when agents are back', () => {
      // Monday 20:30 in Helsinki; the chat opens on Tuesday at 8.
      const evening = new Date('2026-11-23T18:30:00Z');
      expect(agentStatus(content, 'fi', evening)).toEqual({ open: false, text: 'Suljettu. Avaamme huomenna klo 8.' });
      expect(agentStatus(content, 'en', evening)).toEqual({ open: false, text: 'Closed. We open tomorrow at 8:00.' });
    });
  });

  describe("the chat page's title and colour from the embed's data-title and data-color", () => {
    test('takes a #rrggbb colour and a title, cut to 60 characters', () => {
      expect(chatPageLook(new URLSearchParams({ color: '#AA3300', title: `  Oma Palvelu${' x'.repeat(40)}` }), 'Asiakaspalvelu')).toEqual({
        color: '#aa3300',
        title: `Oma Palvelu${' x'.repeat(40)}`.slice(0, 60),
      });
    });

    test('ignores anything but a hex colour (no CSS through the URL) and an empty title', () => {
      for (const color of ['red', '#abc', '#aa3300;background:url(//evil)', 'var(--x)']) {
        expect(chatPageLook(new URLSearchParams({ color, title: ' ' }), 'Asiakaspalvelu')).toEqual({ color: DEFAULT_CHAT_COLOR, title: 'Asiakaspalvelu' });
      }
    });
  });
}
