#!/usr/bin/env node
// The CLI's TypeScript runs directly on Node's type stripping, which Node 24 (the Node
// that Electron 45 ships) has on by default; older Nodes cannot load it.
const [major] = process.versions.node.split('.').map(Number);
if (major === undefined || major < 24) {
  process.stderr.write(
    `workbench needs Node 24 or newer; this is Node ${process.versions.node}.\n` +
      "In the project folder, run it as `npx workbench …` or `npm run cli -- …`, which use the project's own Node 24.\n",
  );
  process.exit(2);
}
const { readFile } = await import('node:fs/promises');
const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const { runCli } = await import('../src/main/cli/main.ts');
const code = await runCli(
  process.argv.slice(2),
  {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    isTty: process.stderr.isTTY === true,
  },
  version,
);
process.exitCode = code;
