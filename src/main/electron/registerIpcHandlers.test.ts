import { describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/api.ts';
import type { Handlers } from '../app/handlers.ts';
import { isAppUrl } from './appProtocol.ts';
import { registerIpcHandlers, type InvokeEvent } from './registerIpcHandlers.ts';

type Listener = (event: InvokeEvent, input: unknown) => Promise<unknown>;

function setUp(isOpen = true) {
  const registered = new Map<string, Listener>();
  const ipc = {
    handle: vi.fn((channel: string, listener: Listener) => {
      registered.set(channel, listener);
    }),
    removeHandler: vi.fn((channel: string) => {
      registered.delete(channel);
    }),
  };
  const list = vi.fn(() => Promise.resolve({ dir: '/library', entries: [], total: 0, complete: true }));
  // Only the channel under test is called; the rest must merely exist.
  const handlers = { 'library:list': list } as unknown as Handlers;
  const unregister = registerIpcHandlers({
    ipc,
    handlers: () => (isOpen ? handlers : null),
    isAppUrl: (url) => isAppUrl(url, { devServerUrl: undefined }),
  });
  return { registered, list, unregister, ipc };
}

/** An invoke event from a frame at `url`; `isMainFrame` false makes it a subframe of the page. */
function eventFrom(url: string, isMainFrame = true): InvokeEvent {
  const frame = { url };
  return { senderFrame: frame, sender: { mainFrame: isMainFrame ? frame : { url } } };
}

describe('registerIpcHandlers', () => {
  it('registers exactly the contract’s channels, and removes them all', () => {
    const { registered, unregister } = setUp();
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort());
    unregister();
    expect(registered.size).toBe(0);
  });

  it('answers the app’s own page', async () => {
    const { registered, list } = setUp();
    const result = await registered.get('library:list')!(eventFrom('app://workbench/index.html'), {});
    expect(result).toEqual({ ok: true, value: { dir: '/library', entries: [], total: 0, complete: true } });
    expect(list).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['a subframe of the app', eventFrom('app://workbench/index.html', false)],
    ['a remote page', eventFrom('https://evil.example/')],
    ['a file: page', eventFrom('file:///tmp/hostile.html')],
    ['another page of the scheme', eventFrom('app://workbench/assets/x.html')],
    ['a frame that is gone', { senderFrame: null, sender: { mainFrame: null } }],
  ])('rejects a call from %s without running the handler', async (_name, event) => {
    const { registered, list } = setUp();
    const result = await registered.get('library:list')!(event, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(list).not.toHaveBeenCalled();
  });

  it('answers with an error, not a throw, while no library is open', async () => {
    const { registered } = setUp(false);
    const result = await registered.get('library:list')!(eventFrom('app://workbench/index.html'), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('validates the input with the contract before the handler runs', async () => {
    const { registered } = setUp();
    const result = await registered.get('article:get')!(eventFrom('app://workbench/index.html'), {
      id: '../../etc',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});
