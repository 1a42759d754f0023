import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SaveQueue } from './api/saveQueue.ts';
import { ServicesProvider } from './api/ServicesProvider.tsx';
import { App } from './App.tsx';
import type { Client } from './api/client.ts';

/** Renders the window into #root, with the client main.tsx connected (null: no shell, no token). */
export function startApp(client: Client | null): void {
  const container = document.getElementById('root');
  if (container === null) throw new Error('index.html has no #root element.');
  createRoot(container).render(
    <StrictMode>
      {client === null ? (
        <main className="no-token">
          <h1>Article Workbench</h1>
          <p>
            This page needs the address that <code>npm run web</code> printed, with its token. Open that
            address again.
          </p>
        </main>
      ) : (
        <ServicesProvider client={client} saves={new SaveQueue()}>
          <App />
        </ServicesProvider>
      )}
    </StrictMode>,
  );
}
