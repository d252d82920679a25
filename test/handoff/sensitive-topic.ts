import { sensitiveTopic } from '../../handoff/index.js';

/** Registers this file's tests; test/handoff/handoff-parts.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function sensitiveTopicTests(): void {
  const SENSITIVE = new Set(['billing']);
  const ranked = (...pairs: [string, number][]) => pairs.map(([intent, score]) => ({ intent, score }));

  describe('sensitiveTopic', () => {
    test('a sensitive intent that wins is the topic', () => {
      expect(sensitiveTopic('billing', ranked(['billing', 0.9], ['complaint', 0.1]), SENSITIVE, 'human_agent')).toBe('billing');
    });

    test('a request for a person that names a sensitive matter has that matter as its topic', () => {
      expect(
        sensitiveTopic('human_agent', ranked(['human_agent', 0.965], ['billing', 0.025], ['help', 0.007], ['order_status', 0.001]), SENSITIVE, 'human_agent'),
      ).toBe('billing');
    });

    test('a bare request for a person has no topic: the rest of the ranking is noise', () => {
      expect(
        sensitiveTopic('human_agent', ranked(['human_agent', 0.999], ['billing', 0.0004], ['complaint', 0.0003]), SENSITIVE, 'human_agent'),
      ).toBeUndefined();
    });

    test('a request for a person about an ordinary matter has no sensitive topic', () => {
      expect(
        sensitiveTopic('human_agent', ranked(['human_agent', 0.906], ['order_status', 0.088], ['billing', 0.001]), SENSITIVE, 'human_agent'),
      ).toBeUndefined();
    });

    test('another winning intent keeps its own topic, whatever comes second', () => {
      expect(sensitiveTopic('order_status', ranked(['order_status', 0.6], ['billing', 0.39]), SENSITIVE, 'human_agent')).toBeUndefined();
      expect(sensitiveTopic(null, ranked(['billing', 0.4], ['order_status', 0.3]), SENSITIVE, 'human_agent')).toBeUndefined();
    });
  });
}
