import {
  describeInvalidInput,
  REQUESTS,
  type CallResult,
  type Channel,
  type Output,
} from '../../shared/api.ts';
import { toErrorInfo } from '../../shared/errors.ts';
import { fail, ok } from '../../shared/result.ts';
import type { Handlers } from './handlers.ts';

/**
 * Runs one call as a shell receives it: the input validated with the contract's schema first,
 * every failure turned into a Result, so nothing thrown crosses the boundary (errors thrown in
 * ipcMain.handle lose their code and fields: electron/electron#24427).
 */
export async function dispatch<C extends Channel>(
  handlers: Handlers,
  channel: C,
  rawInput: unknown,
): Promise<CallResult<C>> {
  const parsed = REQUESTS[channel].input.safeParse(rawInput);
  if (!parsed.success) return fail(describeInvalidInput(channel, parsed.error));
  // The parse above produced this channel's input type; TypeScript cannot follow that through the index.
  const handler = handlers[channel] as unknown as (input: unknown) => Promise<Output<C>>;
  try {
    return ok(await handler(parsed.data));
  } catch (error) {
    const info = toErrorInfo(error);
    if (info.code === 'INTERNAL') console.error(`${channel} failed:`, error);
    return fail(info);
  }
}
