import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import packageJson from './package.json' with { type: 'json' };

const root = import.meta.dirname;
const STRICT_SCRIPT_SRC = "script-src 'self'";
const STRICT_STYLE_SRC = "style-src 'self'";

/**
 * In dev, @vitejs/plugin-react injects its Fast Refresh preamble as an inline script, and Vite injects
 * CSS as <style> elements, both of which the page's policy blocks ("@vitejs/plugin-react can't detect
 * preamble", an unstyled window). Relax the policy on the dev server only; the built index.html keeps
 * the strict one unchanged.
 */
function allowInlineScriptsInDev(): Plugin {
  return {
    name: 'workbench:dev-csp',
    apply: 'serve',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        for (const directive of [STRICT_SCRIPT_SRC, STRICT_STYLE_SRC]) {
          if (!html.includes(directive)) {
            throw new Error(`index.html no longer contains "${directive}"; update the dev CSP plugin.`);
          }
        }
        return html
          .replace(STRICT_SCRIPT_SRC, `${STRICT_SCRIPT_SRC} 'unsafe-inline'`)
          .replace(STRICT_STYLE_SRC, `${STRICT_STYLE_SRC} 'unsafe-inline'`);
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          index: resolve(root, 'src/main/electron/index.ts'),
          // ParserPool starts this file on worker threads, so it must exist as its own bundle.
          parseWorker: resolve(root, 'src/main/core/import/parseWorker.ts'),
        },
        // Electron's main process has node:sqlite (electron/electron#47706), but the Node running the build
        // may not list it among its builtins, so the bundler would try to resolve it.
        external: ['node:sqlite'],
      },
    },
  },
  preload: {
    define: { __APP_VERSION__: JSON.stringify(packageJson.version) },
    build: {
      // A sandboxed preload can require only 'electron' and a few polyfills, so zod and the contract must be
      // bundled into it rather than left as require() calls.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'src/preload/index.ts') },
        // An ESM preload cannot run sandboxed.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    plugins: [react(), allowInlineScriptsInDev()],
    build: {
      // electron-vite leaves the renderer unminified; parsing 1.9 MB of script delayed the window by seconds.
      minify: true,
      rolldownOptions: {
        input: { index: resolve(root, 'src/renderer/index.html') },
      },
    },
  },
});
