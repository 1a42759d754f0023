import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultLibraryDir } from './defaultLibraryDir.ts';

describe('defaultLibraryDir', () => {
  it('follows each system’s convention for application data', () => {
    expect(defaultLibraryDir({ HOME: '/home/ana' }, 'linux')).toBe(
      '/home/ana/.local/share/article-workbench/library',
    );
    expect(defaultLibraryDir({ HOME: '/home/ana', XDG_DATA_HOME: '/data/ana' }, 'linux')).toBe(
      '/data/ana/article-workbench/library',
    );
    // A relative XDG_DATA_HOME is invalid by the specification and ignored.
    expect(defaultLibraryDir({ HOME: '/home/ana', XDG_DATA_HOME: 'data' }, 'linux')).toBe(
      '/home/ana/.local/share/article-workbench/library',
    );
    expect(defaultLibraryDir({ HOME: '/Users/ana' }, 'darwin')).toBe(
      '/Users/ana/Library/Application Support/Article Workbench/Library',
    );
    expect(
      defaultLibraryDir(
        { USERPROFILE: 'C:\\Users\\ana', APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' },
        'win32',
      ),
    ).toBe('C:\\Users\\ana\\AppData\\Roaming\\Article Workbench\\Library');
  });

  it('lets WORKBENCH_LIBRARY override it', () => {
    expect(defaultLibraryDir({ HOME: '/home/ana', WORKBENCH_LIBRARY: 'cases/syria' }, 'linux')).toBe(
      path.resolve('cases/syria'),
    );
    expect(defaultLibraryDir({ HOME: '/home/ana', WORKBENCH_LIBRARY: '  ' }, 'linux')).toBe(
      '/home/ana/.local/share/article-workbench/library',
    );
  });
});
