import { describe, expect, it } from 'vitest';
import { configuredSecrets, scanLogLines } from '../support/log-scan.ts';

const scan = (line: string) => scanLogLines([{ source: 'server', line }]).map((finding) => finding.what);

describe('the end-of-run log scan', () => {
  it('finds a phone number in clear, in any of the forms the service handles', () => {
    expect(scan('{"msg":"sent","to":"+50688888888"}')).toEqual(['phone number']);
    expect(scan('{"msg":"sent","chatId":"50688888888@c.us"}')).toEqual(['phone number', 'WhatsApp chat id']);
    expect(scan('{"id":"true_50688888888@c.us_3EB0AB"}')).toContain('WhatsApp chat id');
  });

  it('lets masked numbers, ids, timestamps and counters through', () => {
    expect(scan('{"to":"+506****8888","chatId":"506****8888@c.us"}')).toEqual([]);
    expect(scan('{"time":"2026-11-21T19:16:06.624Z","clientId":"5792a7288ac8f35b0aa93bee","at":1795201234567,"bytes":50612345}')).toEqual(
      [],
    );
    expect(scan('{"requestId":"17eb713c-5d1c-4afb-a8a6-01c860b22dc6"}')).toEqual([]);
  });

  it('finds the secrets the tests configure', () => {
    expect(scan('{"url":"https://x/?token=webhook-token-for-tests-0123456789"}')).toEqual(['webhook token']);
    expect(scan(`{"auth":"Bearer waapi-token-${'ab'.repeat(12)}"}`)).toEqual(['Waapi token']);
  });

  it('finds the value of every provider setting the catalog calls a secret, whatever a test set it to', () => {
    const secrets = configuredSecrets({
      CLOUDAPI_APP_SECRET: 'a-value-this-test-chose',
      CHATTONIC_TOKEN: 'another-value-chosen-here',
      CLOUDAPI_PHONE_NUMBER_ID: '1234567890123',
    });
    const found = (line: string) => scanLogLines([{ source: 'server', line }], secrets).map((finding) => finding.what);
    expect(found('{"msg":"refused","detail":"bad signature for a-value-this-test-chose"}')).toEqual(['CLOUDAPI_APP_SECRET']);
    expect(found('{"auth":"Bearer another-value-chosen-here"}')).toEqual(['CHATTONIC_TOKEN']);
    // Not a secret: the number's id may be logged.
    expect(found('{"phoneNumberId":"1234567890123"}')).toEqual([]);
  });
});
