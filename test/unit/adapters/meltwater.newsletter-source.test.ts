import { afterEach, describe, expect, it } from 'vitest';
import { meltwaterNewsletterConfigSchema } from '../../../src/adapters/meltwater/meltwater.config.ts';
import { MeltwaterNewsletterSource } from '../../../src/adapters/meltwater/meltwater.newsletter-source.adapter.ts';
import { startLoopbackServer, type LoopbackServer } from '../../support/loopback-server.ts';

const servers: LoopbackServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function meltwater(handler: Parameters<typeof startLoopbackServer>[0], overrides: Record<string, string> = {}) {
  const server = await startLoopbackServer(handler);
  servers.push(server);
  const config = meltwaterNewsletterConfigSchema.parse({
    MELTWATER_NEWSLETTER_URL: `${server.url}/api/public/newsletters/{accountId}/newsletter/distribution/{distributionId}/html`,
    NEWSLETTER_TIMEOUT_MS: '1000',
    NEWSLETTER_MAX_BYTES: '20000',
    ...overrides,
  });
  return { server, source: new MeltwaterNewsletterSource(config) };
}

describe('MeltwaterNewsletterSource', () => {
  it('downloads the distribution at the configured URL with the account id filled in', async () => {
    const { server, source } = await meltwater((_request, response) => response.end('<html>ñ</html>'));
    expect(await source.fetch('6734a46da330314a4cd0c3da')).toEqual({ ok: true, value: '<html>ñ</html>' });
    expect(server.requests[0]!.url).toBe(
      '/api/public/newsletters/552e72ccbd555c1e62082adc/newsletter/distribution/6734a46da330314a4cd0c3da/html',
    );
  });

  it('reports Meltwater\u2019s HTTP status when the newsletter is not there', async () => {
    const { source } = await meltwater((_request, response) => {
      response.statusCode = 404;
      response.end('Not found');
    });
    expect(await source.fetch('6734a46da330314a4cd0c3da')).toEqual({ ok: false, error: { reason: 'Meltwater answered HTTP 404' } });
  });

  it('follows a redirect on the same host', async () => {
    const { source } = await meltwater((request, response) => {
      if (request.url!.endsWith('/html')) {
        response.writeHead(302, { location: '/latest.html' });
        response.end();
      } else response.end('<html>latest</html>');
    });
    expect(await source.fetch('6734a46da330314a4cd0c3da')).toEqual({ ok: true, value: '<html>latest</html>' });
  });

  it('refuses a redirect to another host', async () => {
    const { source } = await meltwater((_request, response) => {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      response.end();
    });
    expect(await source.fetch('6734a46da330314a4cd0c3da')).toEqual({
      ok: false,
      error: { reason: 'refused a redirect to another host (169.254.169.254)' },
    });
  });

  it('gives up on a download slower than the timeout', async () => {
    const { source } = await meltwater((_request, response) => {
      response.write('<html>');
      setTimeout(() => response.end('</html>'), 3_000).unref();
    });
    expect(await source.fetch('6734a46da330314a4cd0c3da')).toEqual({ ok: false, error: { reason: 'download took longer than 1000 ms' } });
  });

  it('cuts off a newsletter larger than the cap', async () => {
    const { source } = await meltwater((_request, response) => response.end('x'.repeat(50_000)));
    expect(await source.fetch('6734a46da330314a4cd0c3da')).toEqual({ ok: false, error: { reason: 'newsletter larger than 20000 bytes' } });
  });

  it('never puts anything but a plain id into the URL', async () => {
    const { server, source } = await meltwater((_request, response) => response.end('x'));
    expect(await source.fetch('../../admin?x=1')).toEqual({ ok: false, error: { reason: 'invalid distribution id' } });
    expect(server.requests).toHaveLength(0);
  });

  it('reports a connection failure as a reason, not an exception', async () => {
    const { server, source } = await meltwater((_request, response) => response.end('x'));
    await server.close();
    servers.length = 0;
    const result = await source.fetch('6734a46da330314a4cd0c3da');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.reason).toMatch(/^download failed/u);
  });
});
