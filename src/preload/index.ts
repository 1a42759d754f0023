import { contextBridge } from 'electron';

/** Replaced at build time by electron-vite (see electron.vite.config.ts): a sandboxed preload cannot read files. */
declare const __APP_VERSION__: string;

/**
 * What the renderer sees as `window.workbench`. It grows into the channels of src/shared/api.ts; it never
 * exposes ipcRenderer itself, which would hand the page every channel.
 */
export type WorkbenchBridge = {
  readonly version: string;
};

const workbench: WorkbenchBridge = Object.freeze({ version: __APP_VERSION__ });

contextBridge.exposeInMainWorld('workbench', workbench);
