/** A body read up to a size cap: `truncated` says that more came and was dropped. */
export interface CappedText {
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * Reads a response body as UTF-8, keeping at most `maxBytes`: a provider's answer is small, so
 * anything longer (a proxy's error page, a runaway stream) is cut instead of filling memory. The
 * stream is cancelled at the cap, so the rest is never downloaded.
 */
export async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<CappedText> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
    const room = maxBytes - size;
    if (value.length > room) {
      // The start of the body is kept (up to the cap), so what was read can still be quoted.
      chunks.push(value.subarray(0, room));
      await reader.cancel().catch(() => undefined);
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(value);
    size += value.length;
  }
}
