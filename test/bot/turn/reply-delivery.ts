import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Activity } from 'botbuilder';
import { startSmtpInbox, type SmtpInbox } from '../../support/smtp-inbox.js';
import { startVastaa, VILI, type Vastaa } from '../../support/vastaa.js';
import { WebChatCustomer } from '../../support/web-chat-customer.js';

/** Registers this file's tests; ./turns-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function replyDelivery(): void {
  // Monday 20:00 in Helsinki: the chat is closed (opens 8 on Tuesday), so the email is offered at once.
  const AFTER_HOURS = new Date('2026-11-23T18:00:00Z');
  const PUBLIC_URL = 'https://chat.example.fi';
  const ADDRESS = 'Matti.Meikalainen@example.fi';

  let bot: Vastaa;
  let inbox: SmtpInbox;
  let cookie: string;
  const customers: WebChatCustomer[] = [];

  beforeAll(async () => {
    inbox = await startSmtpInbox();
    bot = await startVastaa({
      agents: [VILI],
      now: () => AFTER_HOURS,
      env: {
        SMTP_URL: inbox.url,
        MAIL_FROM: 'Asiakaspalvelu <asiakaspalvelu@example.fi>',
        PUBLIC_URL,
        DIRECT_LINE_STARTS_PER_MINUTE: '1000',
      },
    });
    cookie = await bot.signIn(VILI);
  });

  afterAll(async () => {
    for (const customer of customers) await customer.leave();
    await bot?.stop();
    await inbox?.close();
  });

  const texts = (activities: Activity[]) => activities.map((activity) => activity.text ?? '');
  const titles = (activity: Activity | undefined) => activity?.suggestedActions?.actions.map((action) => action.title);

  /** A web chat customer who asks for a person after hours and confirms `address` for the answer; returns them and their case id. */
  async function customerWithEmail(address: string): Promise<{ customer: WebChatCustomer; caseId: string }> {
    const customer = await WebChatCustomer.start(bot.url);
    customers.push(customer);
    await customer.say('haluan puhua ihmisen kanssa', { replies: 2 });
    await customer.say('Kyllä, sähköpostiin', { value: { email: 'yes' } });
    await customer.say(address);
    await customer.say('kyllä');
    const conversation = await bot.app.desk.agent.conversation(`vastaa-directline/${customer.conversationId}`);
    const caseId = conversation!.openCaseId!;
    expect((await bot.call('POST', `/api/agent/cases/${caseId}/claim`, { cookie })).status).toBe(200);
    return { customer, caseId };
  }

  async function agentReplies(caseId: string, text: string) {
    const answer = await bot.call('POST', `/api/agent/cases/${caseId}/reply`, { cookie, body: { text } });
    expect(answer.status).toBe(200);
    return answer.body.case;
  }

  /** The agent lines of the case as the console reads them. */
  async function agentLines(caseId: string): Promise<{ text: string; delivery?: Record<string, unknown> }[]> {
    await bot.app.transcripts.flush();
    const view = await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie });
    return view.body.transcript.filter((line: { from: string }) => line.from === 'agent');
  }

  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async function until(done: () => boolean | Promise<boolean>): Promise<void> {
    await eventually(
      async () => done(),
      (value) => value,
    );
  }

  describe('the customer can leave and still get the answer', () => {
    test('after hours the bot offers email, asks for the address, shows it back and keeps it only on the case', async () => {
      const customer = await WebChatCustomer.start(bot.url);
      customers.push(customer);
      const [nextStep, offer] = await customer.say('haluan puhua ihmisen kanssa', { replies: 2 });
      expect(nextStep!.text).toContain('Chat on nyt kiinni. Se aukeaa huomenna klo 8. Asiakaspalvelijamme vastaa sinulle silloin tässä chatissa.');
      expect(nextStep!.text).toContain('Pidä tämä sivu auki tai palaa myöhemmin tälle sivulle. Vastaus näkyy tässä chatissa.');
      expect(offer!.text).toBe('Haluatko vastauksen myös sähköpostiisi? Silloin voit sulkea tämän sivun.');
      expect(titles(offer)).toEqual(['Kyllä, sähköpostiin', 'Ei kiitos']);

      expect(texts(await customer.say('Kyllä, sähköpostiin', { value: { email: 'yes' } }))).toEqual([
        'Kirjoita sähköpostiosoitteesi. Käytämme sitä vain tämän asian vastaukseen.',
      ]);
      expect(texts(await customer.say('huomenna aamulla?'))).toEqual([
        'Tämä ei näytä sähköpostiosoitteelta. Kirjoita osoite muodossa nimi@esimerkki.fi tai valitse "Ei kiitos".',
      ]);
      const [confirm] = await customer.say('Matti.Meikalainen@EXAMPLE.fi.');
      expect(confirm!.text).toBe(`Lähetänkö vastauksen osoitteeseen ${ADDRESS}?`);
      expect(titles(confirm)).toEqual(['Kyllä', 'Ei, korjaan osoitteen']);
      expect(texts(await customer.say('Ei, korjaan osoitteen', { value: { email: 'no' } }))).toEqual([
        'Kirjoita sähköpostiosoitteesi. Käytämme sitä vain tämän asian vastaukseen.',
      ]);
      await customer.say(ADDRESS);
      expect(texts(await customer.say('kyllä'))).toEqual([
        'Selvä. Jos et ole silloin tässä chatissa, lähetän asiakaspalvelijan vastauksen myös sähköpostiisi. Voit sulkea sivun.',
      ]);

      const caseId = (await bot.app.desk.agent.conversation(`vastaa-directline/${customer.conversationId}`))!.openCaseId!;
      const record = await bot.app.desk.agent.getCase(caseId);
      expect(record.email).toMatchObject({ step: 'confirmed', address: ADDRESS });
      // Still waiting, and the address is no detail the customer "added" to the case.
      expect(record.status).toBe('waiting');
      expect(JSON.stringify(record.summary)).not.toMatch(/meikalainen/i);

      // Masked in the transcript, a hint for the agent, never in the log.
      await bot.app.transcripts.flush();
      const transcript = JSON.stringify(await bot.app.transcripts.allActivities('vastaa-directline', customer.conversationId));
      expect(transcript).not.toMatch(/meikalainen/i);
      expect(transcript).toContain('[EMAIL]');
      const view = await bot.call('GET', `/api/agent/cases/${caseId}`, { cookie });
      expect(view.body.case.email).toEqual({ step: 'confirmed', addressHint: 'Ma•••@example.fi' });
      expect(JSON.stringify(view.body)).not.toMatch(/meikalainen/i);
      expect(bot.logs.join('\n')).not.toMatch(/meikalainen/i);
    });

    test('emails the agent reply when the customer has closed the tab: both parts, Finnish, signed, a link back, nothing else personal', async () => {
      const { customer, caseId } = await customerWithEmail('liisa@example.fi');
      await customer.leave();
      await until(async () => !(await bot.app.channels.directLine!.presence.presence(customer.conversationId)).connected);
      const before = inbox.mails.length;

      const replied = await agentReplies(caseId, 'Hei! Korjasin laskusi.\nHyvitys näkyy seuraavassa laskussa.');
      expect(replied.events.at(-1).delivery).toEqual({ stream: 'not_connected' });
      const [mail] = (await inbox.waitFor(before + 1)).slice(before);
      expect(mail!.to).toEqual(['liisa@example.fi']);
      expect(mail!.headers.from).toBe('Asiakaspalvelu <asiakaspalvelu@example.fi>');
      expect(mail!.headers.to).toBe('liisa@example.fi');
      expect(mail!.headers.subject).toBe(`Vastaus asiaasi ${caseId}`);
      expect(mail!.headers['content-language']).toBe('fi');
      expect(mail!.headers['auto-submitted']).toBe('auto-generated');
      expect(mail!.text).toBe(
        [
          'Asiakaspalvelijamme Vili vastasi sinulle chatissa:',
          '',
          'Hei! Korjasin laskusi.',
          'Hyvitys näkyy seuraavassa laskussa.',
          '',
          '– Vili',
          '',
          'Jatka keskustelua chatissa: https://chat.example.fi/chat',
          '',
          '--',
          'Sait tämän viestin, koska pyysit chatissa vastausta sähköpostiisi. Älä vastaa tähän viestiin.',
          '',
        ].join('\n'),
      );
      expect(mail!.html).toContain('<html lang="fi">');
      expect(mail!.html).toContain('<p>Hei! Korjasin laskusi.<br>Hyvitys näkyy seuraavassa laskussa.</p>\n<p>– Vili</p>');
      expect(mail!.html).toContain('Jatka keskustelua chatissa: <a href="https://chat.example.fi/chat">https://chat.example.fi/chat</a>');
      // Nothing of the conversation but the reply: not what the customer asked, not the case's reason.
      expect(mail!.raw).not.toMatch(/haluan puhua|ihmisen kanssa|customer_request/);

      const [line] = await eventually(
        () => agentLines(caseId),
        (lines) => lines[0]?.delivery?.emailedAt !== undefined,
      );
      expect(line!.delivery).toEqual({ stream: 'not_connected', emailedAt: AFTER_HOURS.toISOString() });

      // Back on the page: the reply waits in the chat, and the console now says it reached the chat too.
      await customer.comeBack();
      await customer.stream.until((activities) => activities.some((activity) => (activity.text ?? '').startsWith('Hei! Korjasin laskusi.')));
      const [back] = await eventually(
        () => agentLines(caseId),
        (lines) => lines[0]?.delivery?.stream === 'delivered',
      );
      expect(back!.delivery).toEqual({ stream: 'delivered', emailedAt: AFTER_HOURS.toISOString() });
    });

    test('a reply to a customer whose chat is open is delivered, then seen when the page reports it, and the console is told live', async () => {
      const { customer, caseId } = await customerWithEmail('open@example.fi');
      const before = inbox.mails.length;
      await agentReplies(caseId, 'Tarkistan asian.');
      await customer.stream.until((activities) => activities.some((activity) => activity.text === 'Tarkistan asian.\n\n– Vili'));
      const agentMessage = customer.stream.activities.find((activity) => activity.text === 'Tarkistan asian.\n\n– Vili')!;
      expect((await agentLines(caseId))[0]!.delivery).toEqual({ stream: 'delivered' });

      const controller = new AbortController();
      const events = await fetch(`${bot.url}/api/agent/events`, { headers: { cookie }, signal: controller.signal });
      const reader = events.body!.getReader();
      let received = '';
      const read = async (pattern: RegExp) => {
        while (!pattern.test(received)) received += new TextDecoder().decode((await reader.read()).value);
      };
      await read(/event: ready/);
      const receipt = await customer.client.post({ type: 'event', name: 'vastaa.seen', value: { upTo: agentMessage.id } });
      expect(receipt.status).toBe(200);
      await read(new RegExp(`"kind":"delivery","caseId":"${caseId}"`));
      controller.abort();
      expect((await agentLines(caseId))[0]!.delivery).toEqual({ stream: 'delivered', seenAt: AFTER_HOURS.toISOString() });
      // Delivered to the open chat: no email.
      expect(inbox.mails.length).toBe(before);
      // Any other event is still refused (M5).
      expect((await customer.client.post({ type: 'event', name: 'webchat/join', value: {} })).status).toBe(400);
    });

    test('an email the SMTP server refuses is logged and shown as not emailed; the agent reply itself succeeds', async () => {
      const { customer, caseId } = await customerWithEmail('refused@example.fi');
      await customer.leave();
      await until(async () => !(await bot.app.channels.directLine!.presence.presence(customer.conversationId)).connected);
      inbox.refuseWith = '550 mailbox unavailable';
      try {
        await agentReplies(caseId, 'Vastaus, joka ei mene perille.');
        const [line] = await eventually(
          () => agentLines(caseId),
          (lines) => lines[0]?.delivery?.emailFailed !== undefined,
        );
        expect(line!.delivery).toMatchObject({ stream: 'not_connected', emailFailed: expect.stringContaining('550') });
        expect(bot.logs.some((entry) => entry.includes('could not email an agent reply') && entry.includes('re•••@example.fi'))).toBe(true);
        expect(bot.logs.join('\n')).not.toContain('refused@example.fi');
      } finally {
        inbox.refuseWith = undefined;
      }
    });

    test('"no thanks" to the offer keeps the request and the place in the queue', async () => {
      const customer = await WebChatCustomer.start(bot.url, 'en-US');
      customers.push(customer);
      const [, offer] = await customer.say('I want to talk to a person', { replies: 2, locale: 'en-US' });
      expect(offer!.text).toBe('Would you like the answer by email as well? Then you can close this page.');
      expect(texts(await customer.say('no thanks', { locale: 'en-US' }))).toEqual(['OK, the answer will come only to this chat.']);
      const record = await bot.app.desk.agent.getCase((await bot.app.desk.agent.conversation(`vastaa-directline/${customer.conversationId}`))!.openCaseId!);
      expect(record).toMatchObject({ status: 'waiting', email: { step: 'declined' } });
      expect(record.email!.address).toBeUndefined();
    });

    test('an address typed straight after the offer is taken as yes; a message that is neither leaves the offer open', async () => {
      const customer = await WebChatCustomer.start(bot.url);
      customers.push(customer);
      await customer.say('haluan puhua ihmisen kanssa', { replies: 2 });
      expect(texts(await customer.say('tilaus 123456 on myöhässä'))[0]).toMatch(/^Kiitos, lisäsin tämän asiaasi\. .* Olet jonossa sijalla \d+\.$/);
      expect(texts(await customer.say('pekka@example.fi'))).toEqual(['Lähetänkö vastauksen osoitteeseen pekka@example.fi?']);
    });
  });
}
