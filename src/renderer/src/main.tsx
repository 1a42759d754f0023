import { bootClient, prefetchLibraryList } from './boot.ts';
import './styles.css';

/*
 * The window's entry is small on purpose: it connects to the shell (boot.ts), asks for React and
 * the app, then for the library's list, so that the list travels while the larger script is
 * fetched, compiled and run. The script is asked for first: the web shell sends it before it
 * serialises the list.
 */
const app = import('./startApp.tsx');
prefetchLibraryList();
app.then(
  ({ startApp }) => {
    startApp(bootClient);
  },
  (error: unknown) => {
    console.error('The window could not load:', error);
    document.body.textContent = `The window could not load (${String(error)}). Reload it, or restart the app.`;
  },
);
