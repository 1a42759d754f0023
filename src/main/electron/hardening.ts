/*
 * The rules every web contents and the session follow (Electron's security checklist, issue 6).
 * They take the few Electron methods they call as plain objects, so the tests drive them with
 * fakes under Node; src/main/electron/index.ts hands them the real ones.
 */

/** A navigation Electron is about to make; `preventDefault` stops it. */
export type NavigationEvent = { url: string; preventDefault(): void };

/** What `setWindowOpenHandler` hears about a `window.open` or a link with a target. */
export type WindowOpenDetails = { url: string; disposition: string };

/** The parts of a WebContents the rules use. */
export type HardenableContents = {
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void;
  on(
    event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect',
    listener: (event: NavigationEvent) => void,
  ): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
};

export type ExternalLinks = {
  /** Asks the analyst whether to open `url` in their browser (a message box on the window). */
  confirm(url: string): Promise<boolean>;
  /** Hands the URL to the system (`shell.openExternal`). */
  open(url: string): Promise<void>;
};

/** Longest link the app will hand to the browser; longer ones are more likely tricks than references. */
const MAX_EXTERNAL_URL_LENGTH = 4096;

/**
 * The URL to offer to open in the analyst's browser, normalised, or null: only http(s), with a
 * host and without credentials (`https://trusted.example@evil.example/` reads as the wrong site).
 */
export function externalLinkFor(url: string): string | null {
  if (url.length > MAX_EXTERNAL_URL_LENGTH) return null;
  const parsed = URL.parse(url);
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return null;
  if (parsed.hostname === '' || parsed.username !== '' || parsed.password !== '') return null;
  return parsed.href;
}

export type ContentsRules = {
  isAppUrl: (url: string) => boolean;
  externalLinks: ExternalLinks;
  /** Where failures to open a link are reported; console.error by default. */
  onError?: (message: string, error: unknown) => void;
};

/**
 * Locks one web contents down: no navigation (top frame, subframe or redirect) away from the app's
 * page, no new windows, no `<webview>`. A link with a target (or `window.open`) to an http(s) page
 * is offered to the analyst's browser after a confirmation, one at a time, so a page cannot stack
 * up dialogs; nothing ever opens inside the app.
 */
export function hardenContents(contents: HardenableContents, rules: ContentsRules): void {
  const onError =
    rules.onError ??
    ((message: string, error: unknown) => {
      console.error(message, error);
    });
  let isAsking = false;
  contents.setWindowOpenHandler(({ url }) => {
    const link = externalLinkFor(url);
    if (link !== null && !isAsking) {
      isAsking = true;
      rules.externalLinks
        .confirm(link)
        .then((isConfirmed) => (isConfirmed ? rules.externalLinks.open(link) : undefined))
        .catch((error: unknown) => {
          onError(`Could not open ${link}:`, error);
        })
        .finally(() => {
          isAsking = false;
        });
    }
    return { action: 'deny' };
  });
  const stayOnApp = (event: NavigationEvent) => {
    if (!rules.isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnApp);
  contents.on('will-frame-navigate', stayOnApp);
  contents.on('will-redirect', stayOnApp);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

/** The permissions the app uses: writing a citation to the clipboard. No camera, location, notifications… */
export const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

/** The parts of a Session the rules use. */
export type HardenableSession = {
  setPermissionRequestHandler(
    handler: (
      contents: unknown,
      permission: string,
      callback: (isGranted: boolean) => void,
      details: { requestingUrl?: string },
    ) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: unknown, permission: string, requestingOrigin: string) => boolean,
  ): void;
  setDevicePermissionHandler(handler: () => boolean): void;
  webRequest: {
    onBeforeRequest(
      listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void,
    ): void;
  };
  on(event: 'will-download', listener: (event: { preventDefault(): void }) => void): unknown;
};

export type SessionRules = {
  isAppUrl: (url: string) => boolean;
  /** Whether an origin (`app://workbench`, the dev server's) is the app's; permission checks give only that. */
  isAppOrigin: (origin: string) => boolean;
  /** Whether a request may load at all; everything else is cancelled. */
  isAllowedRequest: (url: string) => boolean;
  /** Told about each cancelled request, for the log. */
  onBlocked?: (url: string) => void;
};

/**
 * Locks the session down: every permission request and check is denied unless it is one the app
 * uses and comes from the app's own page; device access (USB, HID, serial) is denied; every
 * request that is not the app's own is cancelled before it leaves (an imported page's remote
 * image, a font, a tracking pixel); downloads are refused (reports are saved through a dialog).
 */
export function hardenSession(session: HardenableSession, rules: SessionRules): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(GRANTED_PERMISSIONS.has(permission) && rules.isAppUrl(details.requestingUrl ?? ''));
  });
  session.setPermissionCheckHandler(
    (_contents, permission, requestingOrigin) =>
      GRANTED_PERMISSIONS.has(permission) && rules.isAppOrigin(requestingOrigin),
  );
  session.setDevicePermissionHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    const isAllowed = rules.isAllowedRequest(details.url);
    if (!isAllowed) rules.onBlocked?.(details.url);
    callback({ cancel: !isAllowed });
  });
  session.on('will-download', (event) => {
    event.preventDefault();
  });
}
