import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { applyRetention } from '../../../bot/operations/retention.js';
import { startVastaa, VILI, type TestAgent, type Vastaa } from '../../support/vastaa.js';

// The studio's API on the whole app (its own copy of the content, which the tests change): roles, the
// learning inbox filled through /api/messages, handling its items, and try-it.
const EEVA: TestAgent = { login: 'eeva', name: 'Eeva', language: 'fi', password: 'eevan-salasana-123', role: 'editor' };
const SAKU: TestAgent = { login: 'saku', name: 'Saku', language: 'fi', password: 'sakun-salasana-123', role: 'supervisor' };
const ALMA: TestAgent = { login: 'alma', name: 'Alma', language: 'en', password: 'almas-password-123', role: 'admin' };
const ADMIN_TOKEN = 'admin-token-0123456789abcdef';

let bot: Vastaa;
const cookies: Record<string, string> = {};
let conversations = 0;

beforeAll(async () => {
  bot = await startVastaa({ copyContent: true, agents: [VILI, EEVA, SAKU, ALMA], env: { ADMIN_TOKEN } });
  for (const agent of [VILI, EEVA, SAKU, ALMA]) cookies[agent.login] = await bot.signIn(agent);
});
afterAll(async () => bot?.stop());

/** A customer's messages in a conversation of its own; returns the conversation's id. */
async function customer(...texts: string[]): Promise<string> {
  const conversationId = `studio-${++conversations}`;
  for (const text of texts) await bot.send(text, { conversationId, from: { id: `customer-${conversationId}` }, locale: 'fi-FI' });
  return conversationId;
}

async function inbox(query = ''): Promise<any> {
  const answer = await bot.call('GET', `/api/studio/inbox${query}`, { cookie: cookies.eeva! });
  expect(answer.status).toBe(200);
  return answer.body;
}

const items = async (query = '') => (await inbox(query)).clusters.flatMap((cluster: any) => cluster.examples);
const intentFile = (name: string) => path.join(bot.contentDir, 'intents', `${name}.yaml`);

describe('roles', () => {
  test('an agent gets 403 on every studio route, with a message that names the roles and where to go', async () => {
    const routes: [string, string, unknown][] = [
      ['GET', '/api/studio/inbox', undefined],
      ['POST', '/api/studio/inbox/add-example', { ids: [], intent: 'help', language: 'fi', text: 'moi' }],
      ['POST', '/api/studio/inbox/out-of-scope', { ids: [], language: 'fi', text: 'moi' }],
      ['POST', '/api/studio/inbox/ignore', { ids: ['0123456789abcdef'] }],
      ['POST', '/api/studio/try', { text: 'moi' }],
      ['POST', '/api/studio/try/batch', { text: 'moi' }],
    ];
    for (const [method, route, body] of routes) {
      const answer = await bot.call(method, route, { cookie: cookies.vili, body });
      expect({ route, status: answer.status, code: answer.body.error.code }).toEqual({ route, status: 403, code: 'wrong_role' });
      expect(answer.body.error.message).toBe(
        'only these roles may open the studio: editor, supervisor, admin; vili is agent (cases are at /agent; an admin changes roles with `npm run agents -- role <login> <role>`)',
      );
    }
    expect((await bot.call('GET', '/api/studio/inbox')).status).toBe(401);
    const crossOrigin = await bot.call('POST', '/api/studio/inbox/ignore', {
      cookie: cookies.eeva,
      body: { ids: ['0123456789abcdef'] },
      headers: { origin: 'http://127.0.0.1:1' },
    });
    expect(crossOrigin).toMatchObject({ status: 403, body: { error: { code: 'cross_origin' } } });
    expect((await bot.call('GET', '/studio/studio-inbox.js', { cookie: cookies.vili })).status).toBe(403);
  });

  test('an editor sees the studio and not the cases; /agent sends an editor to /studio', async () => {
    for (const route of ['/api/agent/cases', '/api/agent/me', '/api/agent/metrics', '/api/agent/canned-replies']) {
      const answer = await bot.call('GET', route, { cookie: cookies.eeva });
      expect({ route, status: answer.status, code: answer.body.error.code }).toEqual({ route, status: 403, code: 'wrong_role' });
    }
    const page = await fetch(`${bot.url}/agent`, { headers: { cookie: cookies.eeva! }, redirect: 'manual' });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/studio');
    const studio = await bot.call('GET', '/studio', { cookie: cookies.eeva });
    expect(studio.status).toBe(200);
    expect(studio.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(studio.body).toContain('<title>Botin opetus</title>');
  });

  test('supervisors and admins open both, with the shared navigation; an agent has no navigation and a 403 studio page', async () => {
    for (const login of ['saku', 'alma']) {
      expect((await bot.call('GET', '/api/agent/cases', { cookie: cookies[login] })).status).toBe(200);
      expect((await bot.call('GET', '/api/studio/inbox', { cookie: cookies[login] })).status).toBe(200);
    }
    const consolePage = (await bot.call('GET', '/agent', { cookie: cookies.alma })).body as string;
    expect(configOf(consolePage).nav).toEqual([
      { href: '/agent', label: 'Cases', current: true },
      { href: '/studio', label: 'Bot studio', current: false },
      { href: '/studio/dashboard', label: 'Dashboard', current: false },
    ]);
    expect(configOf((await bot.call('GET', '/studio', { cookie: cookies.saku })).body).nav).toEqual([
      { href: '/agent', label: 'Tapaukset', current: false },
      { href: '/studio', label: 'Botin opetus', current: true },
      { href: '/studio/dashboard', label: 'Luvut', current: false },
    ]);
    expect(configOf((await bot.call('GET', '/agent', { cookie: cookies.vili })).body).nav).toEqual([]);
    const denied = await bot.call('GET', '/studio', { cookie: cookies.vili });
    expect(denied.status).toBe(403);
    expect(configOf(denied.body)).toMatchObject({ denied: true, agent: { role: 'agent' } });
  });

  test('a case cannot be transferred to an editor, who is not offered as a colleague', async () => {
    const me = await bot.call('GET', '/api/agent/me', { cookie: cookies.vili });
    expect(me.body.agents.map((agent: { login: string }) => agent.login).sort()).toEqual(['alma', 'saku', 'vili']);
  });
});

describe('the learning inbox', () => {
  test('records a message the bot did not understand with its masked text, language, verdict and top three intents', async () => {
    const conversationId = await customer('myyttekö lahjakortteja');
    const [item] = (await items()).filter((entry: any) => entry.text === 'myyttekö lahjakortteja');
    expect(item).toMatchObject({
      kind: 'not_understood',
      language: 'fi',
      verdict: 'unfamiliar',
      conversationKey: `emulator/${conversationId}`,
    });
    expect(item.ranking).toHaveLength(3);
    expect(Date.now() - Date.parse(item.at)).toBeLessThan(60_000);

    // The other verdicts without an intent: two close intents, one too unsure, and one unlike any example
    // (the verdicts of the model trained on today's intents; `npm run intents -- try` shows them).
    await customer('haluan valittaa laskusta');
    await customer('voinko vaihtaa toimitusosoitetta');
    await customer('lahjakortti');
    const verdicts = Object.fromEntries((await items()).map((entry: any) => [entry.text, entry.verdict]));
    expect(verdicts).toMatchObject({
      'haluan valittaa laskusta': 'ambiguous',
      'voinko vaihtaa toimitusosoitetta': 'low_confidence',
      lahjakortti: 'unfamiliar',
    });

    await customer('myyttekö lahjakortteja, hetuni on 131052-308T');
    const texts = (await items()).map((entry: any) => entry.text);
    expect(texts).toContain('myyttekö lahjakortteja, hetuni on [HETU]');
    expect(JSON.stringify(await inbox())).not.toContain('131052');
    expect(await readFile(path.join(bot.dataDir, 'learning-inbox.json'), 'utf8')).not.toContain('131052');
  });

  test('records the question whose answer was followed by a request for a person, with what the bot said', async () => {
    await customer('milloin olette auki', 'haluan puhua ihmisen kanssa');
    const [item] = (await items()).filter((entry: any) => entry.kind === 'asked_for_person');
    expect(item).toMatchObject({ text: 'milloin olette auki', answeredIntent: 'opening_hours', verdict: 'confident' });
    expect(item.botAnswer).toEqual(expect.any(String));
    expect(item.botAnswer.length).toBeGreaterThan(10);
  });

  test("an answer to a dialog's question is not a miss, even when the NLU cannot place it", async () => {
    const conversationId = `studio-${++conversations}`;
    const asked = await bot.say('onks teil häiriöitä', { conversationId, from: { id: 'dialog-customer' }, locale: 'fi-FI' });
    expect(asked.join(' ')).toMatch(/paikkakun|postinumer/i);
    await bot.send('Xyzzyläntie 5', { conversationId, from: { id: 'dialog-customer' }, locale: 'fi-FI' });
    expect((await items()).map((entry: any) => entry.text)).not.toContain('Xyzzyläntie 5');
  });

  test('records the message that ends in a handoff for low confidence', async () => {
    // MAX_NO_INTENT_TURNS is 2: the second miss in a row goes to a person.
    await customer('asdf qwerty', 'zxcv bnm');
    const kinds = (await items()).filter((entry: any) => ['asdf qwerty', 'zxcv bnm'].includes(entry.text)).map((entry: any) => [entry.text, entry.kind]);
    expect(kinds).toEqual([
      ['zxcv bnm', 'handoff_low_confidence'],
      ['asdf qwerty', 'not_understood'],
    ]);
  });

  test('groups the same question in other words, keeps others apart, and filters by language and date', async () => {
    await customer('saako teiltä lahjakortin');
    await customer('what is the capital of mongolia');
    const { clusters } = await inbox();
    const giftCards = clusters.find((cluster: any) => cluster.examples.some((entry: any) => entry.text === 'myyttekö lahjakortteja'));
    expect(giftCards.examples.map((entry: any) => entry.text)).toEqual(
      expect.arrayContaining(['saako teiltä lahjakortin', 'myyttekö lahjakortteja', 'myyttekö lahjakortteja, hetuni on [HETU]', 'lahjakortti']),
    );
    expect(giftCards.count).toBe(4);
    expect(giftCards.examples.map((entry: any) => entry.text)).not.toContain('voinko vaihtaa toimitusosoitetta');
    // Newest first, both the clusters and their items.
    expect(giftCards.examples[0].text).toBe('saako teiltä lahjakortin');
    expect(clusters[0].examples[0].text).toBe('what is the capital of mongolia');

    const english = await inbox('?language=en');
    expect(new Set(english.clusters.map((cluster: any) => cluster.language))).toEqual(new Set(['en']));
    expect(english.clusters[0].examples[0].text).toBe('what is the capital of mongolia');
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString();
    expect((await inbox(`?from=${encodeURIComponent(tomorrow)}`)).clusters).toEqual([]);
    expect((await inbox(`?to=${encodeURIComponent(tomorrow)}`)).items).toBe((await inbox()).items);
    const bad = await bot.call('GET', '/api/studio/inbox?language=sv&from=eilen', { cookie: cookies.eeva });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((problem: { field: string }) => problem.field)).toEqual(['language', 'from']);
  });

  test('"mark as out of scope" appends the phrase to out_of_scope as one line and the items leave the inbox', async () => {
    const cluster = (await inbox('?language=en')).clusters.find((entry: any) => entry.examples[0].text === 'what is the capital of mongolia');
    const before = await readFile(intentFile('out_of_scope'), 'utf8');
    const answer = await bot.call('POST', '/api/studio/inbox/out-of-scope', {
      cookie: cookies.eeva,
      body: { ids: cluster.itemIds, language: 'en', text: 'what is the capital of mongolia' },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ intent: 'out_of_scope', file: 'intents/out_of_scope.yaml', removed: 1 });
    const after = await readFile(intentFile('out_of_scope'), 'utf8');
    expect(addedLines(before, after)).toEqual([{ line: answer.body.line, text: '    - what is the capital of mongolia' }]);
    expect((await items()).map((entry: any) => entry.text)).not.toContain('what is the capital of mongolia');
  });

  test('"ignore" removes the items and changes no file', async () => {
    const cluster = (await inbox()).clusters.find((entry: any) => entry.examples.some((item: any) => item.text === 'zxcv bnm'));
    const before = await readFile(intentFile('help'), 'utf8');
    const answer = await bot.call('POST', '/api/studio/inbox/ignore', { cookie: cookies.eeva, body: { ids: cluster.itemIds } });
    expect(answer).toMatchObject({ status: 200, body: { removed: cluster.itemIds.length } });
    expect((await items()).map((entry: any) => entry.text)).not.toContain('zxcv bnm');
    expect(await readFile(intentFile('help'), 'utf8')).toBe(before);
  });

  test('a phrase that fails the content check leaves the file unchanged and the items in the inbox, and says why', async () => {
    const [item] = (await items()).filter((entry: any) => entry.text === 'asdf qwerty');
    const before = await readFile(intentFile('help'), 'utf8');
    // "kerro vitsi" is already an example of out_of_scope: the check refuses the same example in two intents.
    const answer = await bot.call('POST', '/api/studio/inbox/add-example', {
      cookie: cookies.eeva,
      body: { ids: [item.id], intent: 'help', language: 'fi', text: 'kerro vitsi' },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('content_check_failed');
    expect(answer.body.error.details.problems).toEqual([
      expect.stringMatching(
        /^intents\/out_of_scope\.yaml:\d+: conflict: example "kerro vitsi" \(fi\) is also in intents\/help\.yaml:\d+; keep it in one intent$/,
      ),
    ]);
    expect(await readFile(intentFile('help'), 'utf8')).toBe(before);
    expect((await items()).map((entry: any) => entry.id)).toContain(item.id);
  });

  test('a request names the failing field: a missing or unknown intent, an empty phrase', async () => {
    const missing = await bot.call('POST', '/api/studio/inbox/add-example', { cookie: cookies.eeva, body: { language: 'fi', text: '' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((problem: { field: string }) => problem.field)).toEqual(['intent', 'text']);
    const unknown = await bot.call('POST', '/api/studio/inbox/add-example', {
      cookie: cookies.eeva,
      body: { intent: '../agents', language: 'fi', text: 'moi' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ field: 'intent', message: 'does not exist' }]);
  });

  test("a customer's erasure takes their inbox items too", async () => {
    await bot.send('myyttekö kuponkeja', { conversationId: 'erased-chat', from: { id: 'erased-customer' } });
    expect((await items()).map((entry: any) => entry.text)).toContain('myyttekö kuponkeja');
    const erased = await fetch(`${bot.url}/api/customers/emulator/erased-customer`, { method: 'DELETE', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(await erased.json()).toMatchObject({ conversations: 1, inboxItems: 1 });
    expect((await items()).map((entry: any) => entry.text)).not.toContain('myyttekö kuponkeja');
    expect(await readFile(path.join(bot.dataDir, 'learning-inbox.json'), 'utf8')).not.toContain('kuponkeja');
  });

  test('retention deletes items older than RETENTION_DAYS with the cases and transcripts', async () => {
    const before = (await inbox()).items;
    expect(before).toBeGreaterThan(0);
    const nothingYet = await applyRetention(bot.app.desk.governance, bot.app.transcripts, 90, new Date(Date.now() + 89 * 86_400_000), bot.app.learningInbox);
    expect(nothingYet.inboxItems).toBe(0);
    const later = await applyRetention(bot.app.desk.governance, bot.app.transcripts, 90, new Date(Date.now() + 91 * 86_400_000), bot.app.learningInbox);
    expect(later.inboxItems).toBe(before);
    expect((await inbox()).items).toBe(0);
  });

  test('records the answer a customer called unhelpful once the content has a not_helpful intent', async () => {
    await writeFile(intentFile('not_helpful'), NOT_HELPFUL_INTENT);
    expect((await bot.app.content.reload()).ok).toBe(true);
    await customer('milloin olette auki tänään', 'ei auttanut');
    const [item] = (await items()).filter((entry: any) => entry.kind === 'not_helpful');
    expect(item).toMatchObject({ text: 'milloin olette auki tänään', answeredIntent: 'opening_hours' });
  });
});

describe('try it', () => {
  test('shows language, verdict, ranking and the reply, well under a second, without a conversation or a case', async () => {
    const before = await bot.app.desk.reports.allRecords();
    const inboxBefore = (await inbox()).items;
    const started = performance.now();
    const answer = await bot.call('POST', '/api/studio/try', { cookie: cookies.eeva, body: { text: 'mitä sää huomenna' } });
    const ms = performance.now() - started;
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ language: 'fi', verdict: 'out_of_scope', intent: null, reply: { kind: 'not_understood' } });
    expect(answer.body.reply.text).toMatch(/^En ymmärtänyt kysymystäsi/);
    expect(ms).toBeLessThan(500);

    const hours = await bot.call('POST', '/api/studio/try', { cookie: cookies.eeva, body: { text: 'haluan puhua ihmisen kanssa' } });
    expect(hours.body).toMatchObject({ verdict: 'confident', intent: 'human_agent', reply: { kind: 'handoff', handoffReason: 'customer_request' } });
    expect(hours.body.ranking[0]).toEqual({ intent: 'human_agent', score: expect.any(Number) });
    const english = await bot.call('POST', '/api/studio/try', { cookie: cookies.alma, body: { text: 'thanks a lot', language: 'en' } });
    expect(english.body).toMatchObject({ language: 'en', intent: 'thanks', reply: { kind: 'answer', text: expect.any(String) } });

    expect((await inbox()).items).toBe(inboxBefore);
    expect(await bot.app.desk.reports.allRecords()).toEqual(before);
  });

  test('a batch gives phrase, intent, score and verdict for each line, and marks the lines not as expected', async () => {
    const text = [
      'haluan puhua ihmisen kanssa | human_agent',
      'kiitos paljon\tthanks',
      '',
      'mitä sää huomenna | billing',
      'kerro vitsi | out_of_scope',
      'myyttekö lahjakortteja',
    ].join('\n');
    const answer = await bot.call('POST', '/api/studio/try/batch', { cookie: cookies.eeva, body: { text } });
    expect(answer.status).toBe(200);
    expect(answer.body.rows.map((row: any) => [row.line, row.phrase, row.expected, row.intent, row.matches])).toEqual([
      [1, 'haluan puhua ihmisen kanssa', 'human_agent', 'human_agent', true],
      [2, 'kiitos paljon', 'thanks', 'thanks', true],
      [4, 'mitä sää huomenna', 'billing', 'out_of_scope', false],
      [5, 'kerro vitsi', 'out_of_scope', 'out_of_scope', true],
      [6, 'myyttekö lahjakortteja', null, null, undefined],
    ]);
    expect(answer.body.summary).toEqual({ count: 5, expected: 4, mismatches: 1 });
    const thousand = Array.from({ length: 1000 }, (_, index) => `kiitos ${index}`).join('\n');
    const full = await bot.call('POST', '/api/studio/try/batch', { cookie: cookies.eeva, body: { text: thousand } });
    expect(full.body.rows).toHaveLength(1000);
    const tooMany = await bot.call('POST', '/api/studio/try/batch', { cookie: cookies.eeva, body: { text: `${thousand}\nkiitos` } });
    expect(tooMany.body.error.details).toEqual([{ field: 'text', message: 'has 1001 phrases; test at most 1000 at a time' }]);
    const empty = await bot.call('POST', '/api/studio/try/batch', { cookie: cookies.eeva, body: { text: '\n\n' } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details).toEqual([{ field: 'text', message: 'has no phrases: write one a line' }]);
  });
});

/** The JSON config a page carries in <script type="application/json">. */
function configOf(html: string): any {
  const json = /<script type="application\/json" id="console-config">(.*?)<\/script>/s.exec(html)?.[1];
  if (!json) throw new Error('no console-config in the page');
  return JSON.parse(json);
}

/** The lines `after` has that `before` does not, when that is the only difference (else throws). */
function addedLines(before: string, after: string): { line: number; text: string }[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  if (start + end !== a.length) throw new Error('the file changed in more than added lines');
  return b.slice(start, b.length - end).map((text, index) => ({ line: start + index + 1, text }));
}

const NOT_HELPFUL_INTENT = `version: 1
name: not_helpful
description: The customer says the bot's answer did not help.
title:
  fi: Ei auttanut
  en: Did not help
examples:
  fi:
    - ei auttanut
    - tuo ei auttanut yhtään
    - vastaus ei auttanut
    - ei tästä ollut apua
  en:
    - that didn't help
    - that did not help at all
    - your answer did not help
    - this was no help
answers:
  fi:
    - Harmi, että vastaus ei auttanut. Kirjoita kysymyksesi toisin sanoin tai pyydä ihmistä.
  en:
    - Sorry that did not help. Put your question in other words, or ask for a person.
`;
