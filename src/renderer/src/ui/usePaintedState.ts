import { useLayoutEffect, useState } from 'react';
import { afterNextPaint } from './afterNextPaint.ts';

/**
 * What `read(source)` gives, followed once the frame in hand is out rather than at each change:
 * for what the window shows beside a keystroke (the memo's toolbar, the save status), whose
 * reading and render would otherwise sit between the keystroke and its paint. Changes within a
 * frame are read once, and a value `same` as the shown one renders nothing. Subscribed in a layout
 * effect and read once then, so a change made from another layout effect (a quote inserted as the
 * editor appears) is not missed.
 */
export function usePaintedState<S, T>(
  source: S,
  subscribe: (source: S, listener: () => void) => () => void,
  read: (source: S) => T,
  same: (a: T, b: T) => boolean = Object.is,
): T {
  const [shown, setShown] = useState(() => ({ source, value: read(source) }));
  useLayoutEffect(() => {
    let cancel: (() => void) | null = null;
    const follow = () => {
      cancel ??= afterNextPaint(() => {
        cancel = null;
        const value = read(source);
        setShown((previous) =>
          previous.source === source && same(previous.value, value) ? previous : { source, value },
        );
      });
    };
    const unsubscribe = subscribe(source, follow);
    follow();
    return () => {
      unsubscribe();
      cancel?.();
    };
    // The functions are module-level in every caller; only the source changes what is followed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source]);
  return shown.source === source ? shown.value : read(source);
}
