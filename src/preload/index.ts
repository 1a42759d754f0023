import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { CHANNELS, EVENT_CHANNEL, type WorkbenchBridge, type WorkbenchEvent } from '../shared/api.ts';

/** Replaced at build time by electron-vite (see electron.vite.config.ts): a sandboxed preload cannot read files. */
declare const __APP_VERSION__: string;

const ALLOWED: ReadonlySet<string> = new Set(CHANNELS);

/**
 * What the renderer sees as `window.workbench`: the contract's calls and events and nothing else.
 * ipcRenderer itself is never exposed, which would hand the page every channel; a channel outside
 * the contract is refused here before it reaches the main process, which validates again.
 */
const workbench: WorkbenchBridge = Object.freeze({
  version: __APP_VERSION__,
  call: ((channel: string, input: unknown) => {
    if (!ALLOWED.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'INVALID_INPUT', message: `There is no channel ${channel}.` },
      });
    }
    return ipcRenderer.invoke(channel, input);
  }) as WorkbenchBridge['call'],
  subscribe(listener: (event: WorkbenchEvent) => void) {
    const forward = (_event: Electron.IpcRendererEvent, message: WorkbenchEvent) => {
      listener(message);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});

contextBridge.exposeInMainWorld('workbench', workbench);
