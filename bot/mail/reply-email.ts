import type { MessageCatalog } from '../../core/content/index.js';
import type { Language } from '../../core/index.js';
import { say } from '../../dialogs/index.js';

/** One agent reply as an email: what the customer asked for when they gave their address. */
export interface ReplyEmailInput {
  language: Language;
  caseId: string;
  agentName: string;
  /** The reply as the customer's chat got it (masked, signed with the agent's name). */
  text: string;
  /** The chat page, where the conversation continues. */
  chatUrl: string;
}

export interface ReplyEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The email of one agent reply in the customer's language, plain text and HTML with the same words:
 * who answered, the reply itself, the link back to the chat, and why the mail came. Nothing else
 * from the case (no summary, no transcript): an inbox is not as private as the chat.
 */
export function replyEmail(messages: MessageCatalog, input: ReplyEmailInput): ReplyEmail {
  const { language } = input;
  const subject = say(messages, 'email_reply_subject', language, { case: input.caseId });
  const intro = say(messages, 'email_reply_intro', language, { agent: input.agentName });
  const link = say(messages, 'email_reply_link', language, { url: input.chatUrl });
  const footer = say(messages, 'email_reply_footer', language);
  const text = [intro, '', input.text, '', link, '', '--', footer, ''].join('\n');
  const paragraphs = input.text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const linkHtml = escapeHtml(link).replace(escapeHtml(input.chatUrl), `<a href="${escapeHtml(input.chatUrl)}">${escapeHtml(input.chatUrl)}</a>`);
  const html = [
    '<!doctype html>',
    `<html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<blockquote>\n${paragraphs}\n</blockquote>`,
    `<p>${linkHtml}</p>`,
    `<hr><p><small>${escapeHtml(footer)}</small></p>`,
    '</body></html>',
    '',
  ].join('\n');
  return { subject, text, html };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
