import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SAMPLE_ARTICLE } from './libraryHost.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

type Target = string | { target: string };
type BuilderConfig = {
  appId?: string;
  productName?: string;
  files?: string[];
  asar?: boolean;
  extraResources?: { from: string; to: string }[];
  electronFuses?: Record<string, boolean>;
  linux?: { target?: Target[]; category?: string };
  mac?: { target?: Target[] };
  win?: { target?: Target[] };
};

const config = parse(readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const targets = (list: Target[] | undefined) =>
  (list ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.target));

/** The packaging config cannot be run here (it downloads Electron), so its security settings are checked as data. */
describe('electron-builder.yml', () => {
  it('names the app', () => {
    expect(config.appId).toMatch(/^[a-z0-9.-]+$/u);
    expect(config.productName).toBe('Article Workbench');
  });

  it('flips the fuses that make a release binary more than a generic Electron', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the app into an asar: the built bundles only, never the sources or tests', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['out/**', 'package.json']);
    const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      main: string;
      scripts: Record<string, string>;
    };
    expect(packageJson.main.replace(/^\.\//u, '')).toMatch(/^out\//u);
    expect(packageJson.scripts.dist).toBe('electron-vite build && electron-builder');
  });

  it('ships the sample article where the app looks for it once packaged', () => {
    expect(config.extraResources).toEqual([{ from: 'resources/sample', to: 'sample' }]);
    const [folder, file] = SAMPLE_ARTICLE.split(path.sep);
    expect(folder).toBe('sample');
    expect(existsSync(path.join(REPO_ROOT, 'resources', 'sample', file!))).toBe(true);
  });

  it('builds AppImage and deb (Office), dmg and NSIS', () => {
    expect(targets(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux?.category).toBe('Office');
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(targets(config.win?.target)).toEqual(['nsis']);
  });

  it('has what the deb and the installers need: an author, a homepage and a 512 × 512 icon', () => {
    const packageJson = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      author?: { name?: string; email?: string };
      homepage?: string;
    };
    expect(packageJson.author?.name).toBeTruthy();
    expect(packageJson.author?.email).toMatch(/@/u);
    expect(packageJson.homepage).toMatch(/^https:\/\//u);
    // electron-builder takes build/icon.png (buildResources) for every platform; it wants 512 × 512 or more.
    const icon = readFileSync(path.join(REPO_ROOT, 'build', 'icon.png'));
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
