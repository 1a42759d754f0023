import { bootClient } from './boot.ts';
import './styles.css';

/*
 * The window's entry is small on purpose: it connects to the shell and asks for the library's list
 * (boot.ts), then loads React and the app, so that the request travels while the larger script is
 * fetched, compiled and run.
 */
import('./startApp.tsx').then(
  ({ startApp }) => {
    startApp(bootClient);
  },
  (error: unknown) => {
    console.error('The window could not load:', error);
    document.body.textContent = `The window could not load (${String(error)}). Reload it, or restart the app.`;
  },
);
