import { ipcMain, type IpcMainInvokeEvent, type WebFrameMain } from 'electron';
import { CHANNELS, type Channel } from '../../shared/api.ts';
import { fail } from '../../shared/result.ts';
import { dispatch } from '../app/dispatch.ts';
import type { Handlers } from '../app/handlers.ts';

/**
 * Registers one ipcMain handler per channel of the contract. Each checks that the call comes from
 * the main frame of one of the app's own pages (`isAppUrl`), never from a frame or a page the
 * window was somehow navigated to, then validates the input with the contract's schema
 * (`dispatch`). Returns the function that removes them.
 */
export function registerIpcHandlers(handlers: Handlers, isAppUrl: (url: string) => boolean): () => void {
  const isTrusted = (event: IpcMainInvokeEvent): boolean => {
    const frame: WebFrameMain | null = event.senderFrame;
    return frame !== null && frame === event.sender.mainFrame && isAppUrl(frame.url);
  };
  const register = (channel: Channel) => {
    ipcMain.handle(channel, (event, input: unknown) =>
      isTrusted(event)
        ? dispatch(handlers, channel, input)
        : fail({ code: 'INVALID_INPUT', message: `${channel} was called from a page that is not the app.` }),
    );
  };
  for (const channel of CHANNELS) register(channel);
  return () => {
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
