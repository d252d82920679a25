import { conversationKey } from '../../../handoff/index.js';
import { startConsoleBot, VILI, type ConsoleBot } from '../../support/console-bot.js';

/** Registers this file's tests; ./turns-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function customerTyping(): void {
  // The customer's typing through the real endpoint (/api/messages, as the Emulator) and the agent
  // console's real event stream: a signal for the agents, never a turn, a transcript line or a case change.
  let bot: ConsoleBot;
  let events: { event: string; data: any }[];
  let closeStream: () => void;

  beforeAll(async () => {
    bot = await startConsoleBot();
    const cookie = await bot.signIn(VILI);
    const controller = new AbortController();
    const response = await fetch(`${bot.url}/api/agent/events`, { headers: { cookie }, signal: controller.signal });
    events = [];
    void readEvents(response.body!);
    closeStream = () => controller.abort();
    await until(() => events.some((entry) => entry.event === 'ready'));
  });
  afterAll(async () => {
    closeStream?.();
    await bot?.stop();
  });

  async function readEvents(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event) events.push({ event, data: data ? JSON.parse(data) : undefined });
        }
      }
    } catch {
      // Aborted at the end of the file.
    }
  }

  async function until(condition: () => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const typingEvents = () => events.filter((entry) => entry.event === 'typing');

  async function customerTypes(conversationId: string) {
    const answer = await bot.post({ type: 'typing', text: undefined, conversation: { id: conversationId } });
    expect(answer.status).toBe(200);
    return answer.body?.activities ?? [];
  }

  test('the agents hear once in two seconds that the customer of an open case is typing; nothing is stored or changed', async () => {
    await bot.say('haluan puhua ihmiselle', { conversationId: 'typing-open' });
    const caseId = (await bot.app.desk.agent.conversation(conversationKey('emulator', 'typing-open')))!.openCaseId!;
    const before = await bot.app.desk.agent.getCase(caseId);
    const transcriptBefore = await bot.app.transcripts.allActivities('emulator', 'typing-open');

    // No reply of the bot's (not even its own typing dots): a typing signal is no turn.
    expect(await customerTypes('typing-open')).toEqual([]);
    await until(() => typingEvents().length === 1);
    expect(typingEvents()[0]!.data).toEqual({ caseId });

    await customerTypes('typing-open');
    await customerTypes('typing-open');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(typingEvents()).toHaveLength(1);

    const after = await bot.app.desk.agent.getCase(caseId);
    expect(after.revision).toBe(before.revision);
    expect(await bot.app.transcripts.allActivities('emulator', 'typing-open')).toEqual(transcriptBefore);
  });

  test('typing where no case is open opens none and tells nobody', async () => {
    const eventsBefore = events.length;
    expect(await customerTypes('typing-no-case')).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events.slice(eventsBefore)).toEqual([]);
    expect(await bot.app.desk.agent.conversation(conversationKey('emulator', 'typing-no-case'))).toBeUndefined();
    expect(await bot.app.desk.agent.queue()).toHaveLength(1);
    expect(await bot.app.transcripts.allActivities('emulator', 'typing-no-case')).toEqual([]);
  });
}
