import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const WEB_MAIN = path.join(REPO_ROOT, 'src', 'main', 'web', 'main.ts');

/**
 * Starts the web shell on `libraryDir` as `npm run web` does, on a free port, and resolves with
 * the process and the URL it prints (token in the fragment). For the end-to-end tests and bench:ui.
 * process.execPath is the Node running the caller: npm's scripts and npx run the project's Node 24.
 */
export async function startWebShell(
  libraryDir: string,
  options: { timeoutMs: number },
): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [WEB_MAIN, '--library', libraryDir, '--port', '0'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`The web shell did not start in time:\n${output}`));
    }, options.timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /https?:\/\/127\.0\.0\.1:\d+\/#token=\S+/u.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The web shell exited with ${String(code)}:\n${output}`));
    });
  });
  return { child, url };
}
