import { describe, expect, test } from '@jest/globals';
import { loadMessages } from '../../../core/content/index.js';
import { replyEmail } from '../../../bot/mail/reply-email.js';
import { PROJECT_ROOT } from '../../support/vastaa.js';

/** Registers this file's tests; ../app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function mailReplyEmail(): void {
  const messages = async () => (await loadMessages(PROJECT_ROOT)).messages;

  describe('the email of an agent reply', () => {
    test('is in the case language, English here, with the same words in both parts', async () => {
      const mail = replyEmail(await messages(), {
        language: 'en',
        caseId: 'C-00042',
        agentName: 'Anna',
        text: 'Your refund is on its way.\n\n– Anna',
        chatUrl: 'https://chat.example.com/chat',
      });
      expect(mail.subject).toBe('The answer to your case C-00042');
      expect(mail.text).toBe(
        'Our agent Anna answered you in the chat:\n\nYour refund is on its way.\n\n– Anna\n\nContinue the conversation in the chat: https://chat.example.com/chat\n\n--\n' +
          'You got this message because you asked for the answer by email in the chat. Please do not reply to this message.\n',
      );
      expect(mail.html).toContain('<html lang="en">');
      expect(mail.html).toContain('<p>Our agent Anna answered you in the chat:</p>');
    });

    test('puts the reply into the HTML as text: markup an agent typed is shown, never run', async () => {
      const mail = replyEmail(await messages(), {
        language: 'fi',
        caseId: 'C-1',
        agentName: 'Vili <b>',
        text: 'Katso <script>alert(1)</script> & "lainaus"',
        chatUrl: 'https://chat.example.fi/chat?x=1&y=2',
      });
      expect(mail.html).not.toContain('<script>');
      expect(mail.html).toContain('Katso &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;lainaus&quot;');
      expect(mail.html).toContain('Vili &lt;b&gt;');
      expect(mail.html).toContain('<a href="https://chat.example.fi/chat?x=1&amp;y=2">https://chat.example.fi/chat?x=1&amp;y=2</a>');
    });
  });
}
