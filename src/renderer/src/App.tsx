/** The window's content until the library, reader and memo features arrive. */
export function App() {
  const shell = window.workbench === undefined ? 'web' : `desktop ${window.workbench.version}`;

  return (
    <main style={{ maxWidth: '38rem', margin: '0 auto', padding: '20vh 2rem 0' }}>
      <h1 style={{ fontWeight: 500, fontSize: '1.75rem', margin: '0 0 0.5rem' }}>Article Workbench</h1>
      <p style={{ margin: 0, opacity: 0.7 }}>
        Offline reading, translation notes and memos for foreign-language articles.
      </p>
      <p style={{ marginTop: '3rem', fontSize: '0.8125rem', opacity: 0.5 }}>{shell}</p>
    </main>
  );
}
