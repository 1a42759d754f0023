/**
 * Offers text as a file download (the web shell, where the page cannot write to disk): a Blob behind
 * an <a download> click, which the page's CSP allows since nothing is fetched.
 */
export function downloadText(text: string, fileName: string, type = 'text/markdown;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later rather than at once: some browsers read the Blob after click() returns.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
}
