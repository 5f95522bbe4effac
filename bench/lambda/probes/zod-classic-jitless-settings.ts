import * as z from 'zod';

/** Probe: 15 integer settings, a URL and an enum built and parsed with zod (classic, jitless), as a start checks them. */
export async function handler(): Promise<unknown> {
  z.config({ jitless: true });
  const out: unknown[] = [];
  for (let i = 0; i < 15; i++)
    out.push(
      z.coerce
        .number()
        .int()
        .min(i)
        .max(100_000)
        .default(300)
        .safeParse(String(1000 + i)),
    );
  out.push(
    z
      .url({ protocol: /^https?$/u })
      .transform((url) => url.replace(/\/+$/u, ''))
      .optional()
      .safeParse('https://example.com/'),
  );
  out.push(z.enum(['debug', 'info', 'warn']).default('info').safeParse('warn'));
  out.push(z.object({ A: z.string().optional(), B: z.string().default('x') }).safeParse({ A: 'a' }));
  return out;
}
