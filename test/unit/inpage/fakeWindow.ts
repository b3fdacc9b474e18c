/** A minimal window for the inpage transport: records what is posted and delivers messages on demand. */
import type { WindowLike } from '../../../src/inpage/transport';

export type FakeWindow = WindowLike & {
  posted: Array<{ message: unknown; targetOrigin: string }>;
  /** Deliver a `message` event as if posted by `source` (this window unless said otherwise). */
  deliver(data: unknown, source?: unknown): void;
};

export function fakeWindow(origin = 'https://dapp.example'): FakeWindow {
  const listeners: Array<(e: { data: unknown; source: unknown }) => void> = [];
  const win: FakeWindow = {
    location: { origin },
    posted: [],
    postMessage(message, targetOrigin) {
      structuredClone(message); // throws DataCloneError like the real postMessage
      win.posted.push({ message, targetOrigin });
    },
    addEventListener(_type, listener) { listeners.push(listener); },
    deliver(data, source = win) { for (const l of listeners) l({ data, source }); },
  };
  return win;
}
