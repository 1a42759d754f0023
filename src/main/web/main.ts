import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { toErrorInfo } from '../../shared/errors.ts';
import { defaultLibraryDir } from '../core/library/defaultLibraryDir.ts';
import { openLibrary } from '../core/library/openLibrary.ts';
import { startWebServer } from './startWebServer.ts';

/** A fixed port keeps the page's origin, so the browser remembers the window's layout and options between runs. */
const DEFAULT_PORT = 47_815;

const USAGE = `npm run web [-- --library DIR] [-- --port N]

Serves the Article Workbench window on http://127.0.0.1 for a browser, with a token per run.
  --library DIR   the library folder (default: $WORKBENCH_LIBRARY, else ${defaultLibraryDir({ ...process.env, WORKBENCH_LIBRARY: '' })})
  --port N        the port (default: ${String(DEFAULT_PORT)}, or a free one when that is taken)
`;

/** The web shell's entry point (`npm run web`); the window itself is the built renderer. */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        library: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = values.port === undefined ? DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`--port must be a port number, not ${values.port ?? ''}.\n`);
    return 2;
  }
  const rendererDir = path.resolve(import.meta.dirname, '../../../out/renderer');
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(`There is no built window in ${rendererDir}: run \`npm run build\` first.\n`);
    return 1;
  }
  const { library } = await openLibrary(values.library ?? defaultLibraryDir(), {
    mode: 'write',
    create: true,
  });
  const { version } = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8'),
  ) as { version: string };
  const server = await startWebServer({
    library,
    rendererDir,
    port,
    orFreePort: values.port === undefined,
    version,
  });
  process.stdout.write(`Article Workbench is open at ${server.url}\nLibrary: ${library.dir}\n`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await library.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const info = toErrorInfo(error);
    process.stderr.write(`${info.code}: ${info.message}\n`);
    process.exitCode = 1;
  },
);
