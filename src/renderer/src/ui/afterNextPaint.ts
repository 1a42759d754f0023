/**
 * Runs `task` once the next frame is out (its animation frame, then a task after it): in the pause
 * between two keystrokes, not between a keystroke and its paint. Returns a function that cancels it.
 * A hidden window paints no frames, so a task that must run anyway needs a timer of its own.
 */
export function afterNextPaint(task: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(task, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}
