import { describe, expect, it, vi } from 'vitest';
import { isAllowedRequest, isAppOrigin, isAppUrl } from './appProtocol.ts';
import {
  externalLinkFor,
  hardenContents,
  hardenSession,
  type HardenableContents,
  type HardenableSession,
  type NavigationEvent,
  type WindowOpenDetails,
} from './hardening.ts';

const ORIGIN = { devServerUrl: undefined };

/** A web contents that records the listeners the rules install. */
function fakeContents() {
  const listeners = new Map<string, (event: NavigationEvent) => void>();
  let openHandler: ((details: WindowOpenDetails) => { action: 'deny' }) | undefined;
  const contents: HardenableContents = {
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
    on(event: string, listener: (event: NavigationEvent) => void) {
      listeners.set(event, listener);
      return contents;
    },
  };
  const navigate = (event: string, url: string) => {
    const preventDefault = vi.fn();
    listeners.get(event)!({ url, preventDefault });
    return preventDefault.mock.calls.length > 0;
  };
  return {
    contents,
    listeners,
    openWindow: (url: string, disposition = 'foreground-tab') => openHandler!({ url, disposition }),
    /** Whether the navigation was prevented. */
    navigate,
  };
}

function setUp(confirmAnswer = true) {
  const fake = fakeContents();
  const confirm = vi.fn(() => Promise.resolve(confirmAnswer));
  const open = vi.fn(() => Promise.resolve());
  hardenContents(fake.contents, {
    isAppUrl: (url) => isAppUrl(url, ORIGIN),
    externalLinks: { confirm, open },
    onError: () => undefined,
  });
  return { ...fake, confirm, open };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('hardenContents', () => {
  it('denies every new window', async () => {
    const { openWindow } = setUp();
    expect(openWindow('app://workbench/index.html')).toEqual({ action: 'deny' });
    expect(openWindow('https://example.com/')).toEqual({ action: 'deny' });
    await settle();
  });

  it('offers an http(s) link to the browser after the analyst confirms', async () => {
    const fake = setUp(true);
    fake.openWindow('https://www.presstv.ir/Detail/2023/11/01/x');
    await settle();
    expect(fake.confirm).toHaveBeenCalledWith('https://www.presstv.ir/Detail/2023/11/01/x');
    expect(fake.open).toHaveBeenCalledWith('https://www.presstv.ir/Detail/2023/11/01/x');
  });

  it('opens nothing when the analyst declines', async () => {
    const fake = setUp(false);
    fake.openWindow('https://example.com/');
    await settle();
    expect(fake.confirm).toHaveBeenCalledTimes(1);
    expect(fake.open).not.toHaveBeenCalled();
  });

  it.each([
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'smb://host/share',
    'app://workbench/index.html',
    'https://trusted.example@evil.example/',
    `https://example.com/${'a'.repeat(5000)}`,
  ])('never offers %s', async (url) => {
    const fake = setUp(true);
    expect(fake.openWindow(url)).toEqual({ action: 'deny' });
    await settle();
    expect(fake.confirm).not.toHaveBeenCalled();
    expect(fake.open).not.toHaveBeenCalled();
  });

  it('asks one question at a time, so a page cannot stack up dialogs', async () => {
    const fake = fakeContents();
    let answer: (value: boolean) => void = () => undefined;
    const confirm = vi.fn(
      () =>
        new Promise<boolean>((resolve) => {
          answer = resolve;
        }),
    );
    const open = vi.fn(() => Promise.resolve());
    hardenContents(fake.contents, { isAppUrl: () => false, externalLinks: { confirm, open } });
    for (let index = 0; index < 5; index += 1) fake.openWindow(`https://example.com/${String(index)}`);
    expect(confirm).toHaveBeenCalledTimes(1);
    answer(false);
    await settle();
    fake.openWindow('https://example.com/again');
    expect(confirm).toHaveBeenCalledTimes(2);
  });

  it('prevents navigation, frame navigation and redirects away from the app’s page', () => {
    const fake = setUp();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      expect(fake.navigate(event, 'https://example.com/'), event).toBe(true);
      expect(fake.navigate(event, 'file:///etc/passwd'), event).toBe(true);
      expect(fake.navigate(event, 'app://workbench/assets/index.js'), event).toBe(true);
      expect(fake.navigate(event, 'app://workbench/index.html'), event).toBe(false);
    }
  });

  it('blocks every <webview>', () => {
    const fake = setUp();
    const preventDefault = vi.fn();
    fake.listeners.get('will-attach-webview')!({ url: '', preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });
});

describe('externalLinkFor', () => {
  it('normalises http(s) links and refuses the rest', () => {
    expect(externalLinkFor('HTTPS://Example.COM/a b')).toBe('https://example.com/a%20b');
    expect(externalLinkFor('http://example.com')).toBe('http://example.com/');
    expect(externalLinkFor('mailto:a@example.com')).toBeNull();
    expect(externalLinkFor('https://u:p@example.com/')).toBeNull();
  });
});

/** A session that records the handlers the rules install. */
function fakeSession() {
  const recorded: {
    request?: Parameters<HardenableSession['setPermissionRequestHandler']>[0];
    check?: Parameters<HardenableSession['setPermissionCheckHandler']>[0];
    device?: () => boolean;
    beforeRequest?: Parameters<HardenableSession['webRequest']['onBeforeRequest']>[0];
    download?: (event: { preventDefault(): void }) => void;
  } = {};
  const session: HardenableSession = {
    setPermissionRequestHandler(handler) {
      recorded.request = handler;
    },
    setPermissionCheckHandler(handler) {
      recorded.check = handler;
    },
    setDevicePermissionHandler(handler) {
      recorded.device = handler;
    },
    webRequest: {
      onBeforeRequest(listener) {
        recorded.beforeRequest = listener;
      },
    },
    on(_event, listener) {
      recorded.download = listener;
      return session;
    },
  };
  const blocked: string[] = [];
  hardenSession(session, {
    isAppUrl: (url) => isAppUrl(url, ORIGIN),
    isAppOrigin: (origin) => isAppOrigin(origin, ORIGIN),
    isAllowedRequest: (url) => isAllowedRequest(url, ORIGIN),
    onBlocked: (url) => blocked.push(url),
  });
  const request = (permission: string, requestingUrl: string) => {
    let granted: boolean | undefined;
    recorded.request!(
      {},
      permission,
      (value) => {
        granted = value;
      },
      { requestingUrl },
    );
    return granted;
  };
  const load = (url: string) => {
    let cancelled: boolean | undefined;
    recorded.beforeRequest!({ url }, ({ cancel }) => {
      cancelled = cancel;
    });
    return cancelled;
  };
  return { recorded, request, load, blocked };
}

describe('hardenSession', () => {
  it('denies every permission request but the clipboard write the app uses, from its own page', () => {
    const { request } = fakeSession();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'pointerLock',
      'openExternal',
    ]) {
      expect(request(permission, 'app://workbench/index.html'), permission).toBe(false);
    }
    expect(request('clipboard-sanitized-write', 'app://workbench/index.html')).toBe(true);
    expect(request('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
  });

  it('answers permission checks the same way, and denies device access', () => {
    const { recorded } = fakeSession();
    expect(recorded.check!({}, 'media', 'app://workbench')).toBe(false);
    expect(recorded.check!({}, 'clipboard-sanitized-write', 'app://workbench')).toBe(true);
    expect(recorded.check!({}, 'clipboard-sanitized-write', 'https://example.com')).toBe(false);
    expect(recorded.device!()).toBe(false);
  });

  it('cancels every request that is not the app’s own, and says so', () => {
    const { load, blocked } = fakeSession();
    expect(load('app://workbench/assets/index.js')).toBe(false);
    expect(load('https://example.com/tracker.gif')).toBe(true);
    expect(load('http://127.0.0.1:8123/canary')).toBe(true);
    expect(blocked).toEqual(['https://example.com/tracker.gif', 'http://127.0.0.1:8123/canary']);
  });

  it('refuses downloads', () => {
    const { recorded } = fakeSession();
    const preventDefault = vi.fn();
    recorded.download!({ preventDefault });
    expect(preventDefault).toHaveBeenCalled();
  });
});
