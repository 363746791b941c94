import { useEffect, useState } from 'react';

/**
 * False until `ready` has been true through one painted frame, then true for good: for work that should wait until
 * what the person came for is on screen (e.g. following a thousand live streams, whose subscribe messages hold the
 * main thread for tens of milliseconds) instead of delaying its first paint.
 */
export function useAfterPaint(ready: boolean): boolean {
  const [after, setAfter] = useState(false);
  useEffect(() => {
    if (!ready || after) {
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    // the frame's callback runs just before it is painted; the task after it, once it has been
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        setAfter(true);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, after]);
  return after;
}
