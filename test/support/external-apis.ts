import nock from 'nock';

/**
 * nock for the external APIs (order API, outage feed) of one test file: nothing may leave the machine,
 * the bot's own loopback server stays reachable, and an interceptor a test set up but the bot never
 * called fails that test.
 */
export function mockExternalApis(): void {
  beforeAll(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    const unused = nock.pendingMocks();
    nock.cleanAll();
    expect(unused).toEqual([]);
  });
  afterAll(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });
}
