import { useEffect, useState } from 'react';
import type { IsoDateTime } from '../../lib/types';

/** Seconds left until `until` (never negative), ticking once a second while above zero. */
export function useSecondsLeft(until: IsoDateTime | undefined, now: () => number = Date.now): number {
  const left = () => (until ? Math.max(0, Math.ceil((new Date(until).getTime() - now()) / 1000)) : 0);
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    if (!until) return undefined;
    const timer = window.setInterval(() => {
      const next = left();
      setSeconds(next);
      if (next === 0) window.clearInterval(timer);
    }, 1000);
    return () => window.clearInterval(timer);
    // `left` reads only `until` and `now`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [until, now]);
  return seconds;
}

/** "29:05", or "1:02:03" past an hour. */
export function formatCountdown(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}
