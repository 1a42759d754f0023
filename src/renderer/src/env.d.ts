/// <reference types="vite/client" />

/**
 * The preload's bridge (src/preload/index.ts). Optional because the same bundle also runs in the web shell,
 * where there is no preload and the client falls back to HTTP.
 */
interface Window {
  readonly workbench?: import('../../shared/api.ts').WorkbenchBridge;
}
