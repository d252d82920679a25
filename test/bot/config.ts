import { readConfig } from '../../bot/config.js';
import { connectionShares } from '../../bot/store/postgres/postgres-stores.js';
import { configProblems } from '../support/failures.js';

/** Registers this file's tests; ./app-with-the-bot.test.ts runs them in a describe block of their own (hooks and all), one jest file for several. */
export default function config(): void {
  describe('configuration', () => {
    test('starts with embedded defaults when nothing is set', () => {
      const config = readConfig({});
      expect(config.PORT).toBe(3978);
      expect(config.DATA_DIR).toMatch(/data$/);
      expect(config.MicrosoftAppId).toBeUndefined();
      expect(config.CONTENT_RELOAD).toBe('watch');
    });

    test('names the variable and the bad value, one line per problem', () => {
      expect(configProblems({ PORT: 'eighty', NLU_CONFIDENCE_THRESHOLD: '1.5', CONTENT_RELOAD: 'sometimes' })).toEqual([
        'PORT must be a number (got "eighty")',
        'CONTENT_RELOAD must be watch, signal or off (got "sometimes")',
        'NLU_CONFIDENCE_THRESHOLD must be at most 1 (got "1.5")',
      ]);
    });

    test('refuses an app id without its password instead of starting half-configured', () => {
      expect(configProblems({ MicrosoftAppId: 'abc' })).toEqual(['MicrosoftAppPassword is required when MicrosoftAppId is set']);
    });

    test('caps the PostgreSQL connections an instance opens, 30 unless set, shared two thirds to turn locks and one third to queries', () => {
      expect(readConfig({}).DATABASE_CONNECTIONS).toBe(30);
      expect(connectionShares(readConfig({}).DATABASE_CONNECTIONS)).toEqual({ locks: 20, queries: 10 });
      expect(connectionShares(readConfig({ DATABASE_CONNECTIONS: '9' }).DATABASE_CONNECTIONS)).toEqual({ locks: 6, queries: 3 });
      expect(connectionShares(3)).toEqual({ locks: 2, queries: 1 });
      expect(configProblems({ DATABASE_CONNECTIONS: '2' })).toEqual(['DATABASE_CONNECTIONS must be at least 3 (got "2")']);
    });

    test('treats an empty variable as unset', () => {
      expect(readConfig({ PORT: '', MicrosoftAppId: '' }).PORT).toBe(3978);
    });
  });

  describe('backend configuration', () => {
    test('uses the demo feed and the demo order API with 3 s timeouts when nothing is set', () => {
      const config = readConfig({});
      expect(config.OUTAGE_API_URL).toBeUndefined();
      expect(config.OUTAGE_FILE).toMatch(/demo\/outages\.json$/);
      expect(config.ORDER_API_URL).toBeUndefined();
      expect(config.OUTAGE_API_TIMEOUT_MS).toBe(3000);
      expect(config.ORDER_API_TIMEOUT_MS).toBe(3000);
      expect(config.PUBLIC_CHANNELS).toEqual([]);
    });

    test('names a backend address that is not http(s) and a timeout out of range', () => {
      expect(configProblems({ ORDER_API_URL: 'shop.example.com', OUTAGE_API_TIMEOUT_MS: '5' })).toEqual([
        'OUTAGE_API_TIMEOUT_MS must be at least 100 (got "5")',
        'ORDER_API_URL must be an http:// or https:// address (got "shop.example.com")',
      ]);
    });

    test('reads PUBLIC_CHANNELS as a comma-separated list', () => {
      expect(readConfig({ PUBLIC_CHANNELS: 'facebook-comments, instagram ,' }).PUBLIC_CHANNELS).toEqual(['facebook-comments', 'instagram']);
    });
  });

  describe('database configuration', () => {
    test('keeps the embedded store when DATABASE_URL is unset, and takes a postgres:// URL', () => {
      expect(readConfig({}).DATABASE_URL).toBeUndefined();
      expect(readConfig({ DATABASE_URL: 'postgres://vastaa:secret@db:5432/vastaa' }).DATABASE_URL).toBe('postgres://vastaa:secret@db:5432/vastaa');
    });

    test('refuses another kind of URL without printing it (it holds the password)', () => {
      expect(configProblems({ DATABASE_URL: 'mysql://vastaa:hunter2@db/vastaa' })).toEqual([
        'DATABASE_URL must be a postgres:// URL, e.g. postgres://vastaa:secret@db.example.com:5432/vastaa',
      ]);
    });
  });

  describe('routing configuration', () => {
    test('routing is off by default with the default team map; CASE_TEAMS replaces the map', () => {
      const config = readConfig({});
      expect(config.CASE_ROUTING).toBe('off');
      expect(config.CASE_TEAMS).toEqual({ billing: 'billing', order_status: 'orders', outage: 'outages' });
      expect(readConfig({ CASE_ROUTING: 'on', CASE_TEAMS: 'billing:laskutus, upset:complaints' }).CASE_TEAMS).toEqual({
        billing: 'laskutus',
        upset: 'complaints',
      });
    });

    test('names a wrong CASE_ROUTING and each wrong pair of CASE_TEAMS', () => {
      expect(configProblems({ CASE_ROUTING: 'yes', CASE_TEAMS: 'billing,outage:outages' })).toEqual([
        'CASE_ROUTING must be on or off (got "yes")',
        'CASE_TEAMS must be intent-or-reason:team pairs, e.g. billing:billing,upset:complaints ("billing" is not) (got "billing,outage:outages")',
      ]);
    });
  });

  describe('email configuration', () => {
    test('SMTP_URL needs a sender and a public address to link back to, and is never printed (it holds the password)', () => {
      expect(configProblems({ SMTP_URL: 'smtps://mailer:hunter2@smtp.example.fi:465' })).toEqual([
        'MAIL_FROM is required when SMTP_URL is set (emailed replies need a sender and a link back)',
        'PUBLIC_URL is required when SMTP_URL is set (emailed replies need a sender and a link back)',
      ]);
      expect(configProblems({ SMTP_URL: 'http://mailer:hunter2@smtp.example.fi', MAIL_FROM: 'a@example.fi', PUBLIC_URL: 'https://chat.example.fi' })).toEqual([
        'SMTP_URL must be an smtp:// or smtps:// address',
      ]);
    });

    test('email is off unless SMTP_URL is set; queue updates at most once a minute by default', () => {
      const config = readConfig({});
      expect([config.SMTP_URL, config.MAIL_FROM, config.PUBLIC_URL, config.QUEUE_UPDATE_SECONDS]).toEqual([undefined, undefined, undefined, 60]);
      const on = readConfig({ SMTP_URL: 'smtp://127.0.0.1:25', MAIL_FROM: 'asiakaspalvelu@example.fi', PUBLIC_URL: 'https://chat.example.fi' });
      expect(on.SMTP_URL).toBe('smtp://127.0.0.1:25');
    });
  });
}
