import type { WorkbenchBridge } from '../../../shared/api.ts';
import type { Client } from './client.ts';

/** The client inside Electron: every call goes through the preload's bridge. */
export function createBridgeClient(bridge: WorkbenchBridge): Client {
  return {
    shell: 'desktop',
    call: (channel, input) => bridge.call(channel, input),
    subscribe: (listener) => bridge.subscribe(listener),
    importFiles: (files, batchId) =>
      bridge.call('library:import', {
        batchId,
        source: { kind: 'paths', paths: files.map((file) => bridge.pathForFile(file)) },
      }),
    prepareForUnload: () => undefined,
  };
}
