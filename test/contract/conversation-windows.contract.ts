import { describe, expect, it } from 'vitest';
import type { ConversationWindows } from '../../src/application/ports/conversation-windows.port.ts';

export interface ConversationWindowsHarness {
  create(): Promise<{ windows: ConversationWindows; second: ConversationWindows; close(): Promise<void> }>;
}

const at = (hour: number) => new Date(Date.UTC(2026, 11, 3, hour));

/** When each contact last wrote: the latest time wins, whatever order messages arrive in. */
export function conversationWindowsContract(name: string, harness: ConversationWindowsHarness): void {
  describe(`ConversationWindows contract: ${name}`, () => {
    it('keeps the latest inbound time per number, seen from every process', async () => {
      const { windows, second, close } = await harness.create();
      try {
        expect(await windows.lastInboundAt('+50688888888')).toBeUndefined();
        await windows.recordInbound('+50688888888', at(5));
        expect(await second.lastInboundAt('+50688888888')).toEqual(at(5));
        await second.recordInbound('+50688888888', at(9));
        // A redelivered older message never shortens the window.
        await windows.recordInbound('+50688888888', at(7));
        expect(await windows.lastInboundAt('+50688888888')).toEqual(at(9));
        expect(await windows.lastInboundAt('+50677777777')).toBeUndefined();
        await Promise.all([windows.recordInbound('+50677777777', at(1)), second.recordInbound('+50677777777', at(2))]);
        expect(await windows.lastInboundAt('+50677777777')).toEqual(at(2));
      } finally {
        await close();
      }
    });
  });
}
