import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNELS, type CallResult, type Channel } from '../../shared/api.ts';
import { fail } from '../../shared/result.ts';
import { dispatch } from '../app/dispatch.ts';
import type { Handlers } from '../app/handlers.ts';

/** The parts of an invoke event the sender check reads. */
export type InvokeEvent = {
  senderFrame: { url: string } | null;
  sender: { mainFrame: unknown };
};

/**
 * Whether an IPC call comes from the main frame of the app's own page, never from a subframe or
 * from a page the window was somehow navigated to: only that page carries the preload's bridge
 * as the app meant it.
 */
export function isTrustedSender(event: InvokeEvent, isAppUrl: (url: string) => boolean): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isAppUrl(frame.url);
}

export type IpcRegistration = {
  ipc: Pick<IpcMain, 'handle' | 'removeHandler'>;
  /**
   * The handlers of the library open now, asked on every call, so switching libraries swaps them at
   * once; null while none is open (shutting down).
   */
  handlers: () => Handlers | null;
  isAppUrl: (url: string) => boolean;
};

/**
 * Registers one ipcMain handler per channel of the contract. Each checks the sender
 * (`isTrustedSender`), then validates the input with the contract's schema (`dispatch`) and
 * answers with a Result. Returns the function that removes them.
 */
export function registerIpcHandlers({ ipc, handlers, isAppUrl }: IpcRegistration): () => void {
  const register = (channel: Channel) => {
    ipc.handle(
      channel,
      (event: IpcMainInvokeEvent | InvokeEvent, input: unknown): Promise<CallResult<typeof channel>> => {
        if (!isTrustedSender(event, isAppUrl)) {
          return Promise.resolve(
            fail({
              code: 'INVALID_INPUT',
              message: `${channel} was called from a page that is not the app.`,
            }),
          );
        }
        const current = handlers();
        if (current === null) {
          return Promise.resolve(
            fail({ code: 'INTERNAL', message: 'No library is open: the app is closing.' }),
          );
        }
        return dispatch(current, channel, input);
      },
    );
  };
  for (const channel of CHANNELS) register(channel);
  return () => {
    for (const channel of CHANNELS) ipc.removeHandler(channel);
  };
}
