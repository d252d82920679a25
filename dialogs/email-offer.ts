import type { Activity } from 'botbuilder';
import type { MessageCatalog } from '../core/content/index.js';
import { emailAddressIn, type Language } from '../core/index.js';
import { normaliseText } from '../core/nlu/index.js';
import { LANGUAGES } from '../core/languages.js';
import type { CaseContact, CaseRecord } from '../handoff/index.js';
import { say } from './messages.js';
import { reply, type SuggestionValue } from './reply.js';
import type { Turn } from './turn.js';

/** Messages of the email offer; part of the content check. */
export const EMAIL_MESSAGES = [
  'handoff_return_to_page',
  'email_offer',
  'email_offer_yes',
  'email_offer_no',
  'email_ask',
  'email_not_an_address',
  'email_confirm',
  'email_confirm_yes',
  'email_confirm_no',
  'email_confirmed',
  'email_declined',
  'email_yes_words',
  'email_no_words',
  'email_reply_subject',
  'email_reply_intro',
  'email_reply_link',
  'email_reply_footer',
] as const;

/** What the yes and no buttons of the offer and the confirmation send back. */
export const EMAIL_ANSWER = { yes: { email: 'yes' }, no: { email: 'no' } } as const;

/** The offer: "do you want the answer by email as well?" with yes and no buttons. */
export function emailOfferReply(messages: MessageCatalog, language: Language): Partial<Activity> {
  return reply(say(messages, 'email_offer', language), [
    { title: say(messages, 'email_offer_yes', language), value: { ...EMAIL_ANSWER.yes } },
    { title: say(messages, 'email_offer_no', language), value: { ...EMAIL_ANSWER.no } },
  ]);
}

/**
 * The customer's side of giving an email address while their case waits or an agent has it: yes or
 * no to the offer, the address, yes or no to the address shown back. Runs only while the case's email
 * step expects an answer, so an address is taken only when the bot has asked for one. The cancel
 * button is the caller's to check first: it cancels the request whatever was asked last. The address is
 * kept on the case alone (CaseContact); transcripts mask it (the stores' redaction).
 */
export class EmailOffer {
  constructor(private readonly contact: CaseContact) {}

  /** Offers email for the case and remembers it was offered. */
  async offer(turn: Turn, record: CaseRecord): Promise<void> {
    await this.contact.setEmailStep(record.id, 'offered');
    await turn.context.sendActivity(emailOfferReply(turn.messages, turn.language));
  }

  /** Takes the message as an answer to the email question when one is open; false when it is not one. */
  async answer(turn: Turn, record: CaseRecord): Promise<boolean> {
    const step = record.email?.step;
    if (step !== 'offered' && step !== 'asked' && step !== 'confirming') return false;
    const { context, messages } = turn;
    // The case's language: a message that is only an address or "ok" tells the NLU nothing about it.
    const language = record.language;
    const value = context.activity.value as SuggestionValue | undefined;
    const text = context.activity.text ?? '';
    const answer = value?.email === 'yes' ? 'yes' : value?.email === 'no' ? 'no' : wordAnswer(messages, text);
    const send = (key: string, buttons: 'offer' | 'confirm' | 'none' = 'none', values?: Record<string, string>) =>
      context.sendActivity(reply(say(messages, key, language, values), this.buttons(messages, language, buttons)));

    if (answer === 'no' && step !== 'confirming') {
      await this.contact.setEmailStep(record.id, 'declined');
      await send('email_declined');
      return true;
    }
    const address = emailAddressIn(text);
    if (step === 'offered' && !address) {
      if (answer !== 'yes') return false;
      await this.contact.setEmailStep(record.id, 'asked');
      await send('email_ask');
      return true;
    }
    // An address typed straight after the offer is a yes with the address.
    if (address) {
      await this.contact.setEmailStep(record.id, 'confirming', address);
      await send('email_confirm', 'confirm', { address });
      return true;
    }
    if (step === 'confirming' && answer === 'yes') {
      await this.contact.setEmailStep(record.id, 'confirmed');
      await send('email_confirmed');
      return true;
    }
    if (step === 'confirming' && answer === 'no') {
      await this.contact.setEmailStep(record.id, 'asked');
      await send('email_ask');
      return true;
    }
    if (step === 'confirming') await send('email_confirm', 'confirm', { address: record.email!.address! });
    else await send('email_not_an_address', 'offer');
    return true;
  }

  private buttons(messages: MessageCatalog, language: Language, kind: 'offer' | 'confirm' | 'none') {
    if (kind === 'none') return [];
    if (kind === 'offer') return [{ title: say(messages, 'email_offer_no', language), value: { ...EMAIL_ANSWER.no } }];
    return [
      { title: say(messages, 'email_confirm_yes', language), value: { ...EMAIL_ANSWER.yes } },
      { title: say(messages, 'email_confirm_no', language), value: { ...EMAIL_ANSWER.no } },
    ];
  }
}

/** "kyllä" or "no thanks" as typed: the editors' exact words of either language, normalised like the NLU's input. */
function wordAnswer(messages: MessageCatalog, text: string): 'yes' | 'no' | undefined {
  const typed = normaliseText(text);
  if (!typed) return undefined;
  const words = (key: string) =>
    LANGUAGES.flatMap((language) => (messages[key]?.[language] ?? '').split('\n'))
      .map((line) => normaliseText(line))
      .filter(Boolean);
  if (words('email_yes_words').includes(typed)) return 'yes';
  if (words('email_no_words').includes(typed)) return 'no';
  return undefined;
}
