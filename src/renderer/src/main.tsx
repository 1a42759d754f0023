import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectClient } from './api/connectClient.ts';
import { SaveQueue } from './api/saveQueue.ts';
import { ServicesProvider } from './api/ServicesProvider.tsx';
import { App } from './App.tsx';
import { prefetchLibraryList } from './features/library/useLibrary.ts';
import './styles.css';

const container = document.getElementById('root');
if (container === null) throw new Error('index.html has no #root element.');

const client = connectClient();
if (client !== null) prefetchLibraryList(client);

createRoot(container).render(
  <StrictMode>
    {client === null ? (
      <main className="no-token">
        <h1>Article Workbench</h1>
        <p>
          This page needs the address that <code>npm run web</code> printed, with its token. Open that address
          again.
        </p>
      </main>
    ) : (
      <ServicesProvider client={client} saves={new SaveQueue()}>
        <App />
      </ServicesProvider>
    )}
  </StrictMode>,
);
