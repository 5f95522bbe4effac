import * as z from 'zod/mini';

/** Probe: as zod-classic-settings, with zod/mini. */
export async function handler(): Promise<unknown> {
  const out: unknown[] = [];
  for (let i = 0; i < 15; i++)
    out.push(z._default(z.coerce.number().check(z.int(), z.minimum(i), z.maximum(100_000)), 300).safeParse(String(1000 + i)));
  out.push(
    z
      .optional(
        z.pipe(
          z.url({ protocol: /^https?$/u }),
          z.transform((url: string) => url.replace(/\/+$/u, '')),
        ),
      )
      .safeParse('https://example.com/'),
  );
  out.push(z._default(z.enum(['debug', 'info', 'warn']), 'info').safeParse('warn'));
  out.push(z.object({ A: z.optional(z.string()), B: z._default(z.string(), 'x') }).safeParse({ A: 'a' }));
  return out;
}
