import { homedir } from 'node:os';
import path from 'node:path';

const APP_FOLDER = 'Article Workbench';

/**
 * Where the library lives when nobody says otherwise, following each system's
 * convention for application data: $XDG_DATA_HOME (or ~/.local/share) on Linux,
 * ~/Library/Application Support on macOS, %APPDATA% on Windows.
 * `WORKBENCH_LIBRARY` overrides it (the CLI's --library overrides both).
 */
export function defaultLibraryDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const override = env.WORKBENCH_LIBRARY;
  if (override !== undefined && override.trim() !== '') return path.resolve(override);
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER, 'Library');
  if (platform === 'win32') {
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_FOLDER, 'Library');
  }
  // XDG: a relative $XDG_DATA_HOME is invalid and must be ignored.
  const dataHome =
    env.XDG_DATA_HOME !== undefined && path.isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : path.join(home, '.local', 'share');
  return path.join(dataHome, 'article-workbench', 'library');
}
