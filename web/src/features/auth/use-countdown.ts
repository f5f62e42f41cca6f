import { useCallback, useEffect, useState } from "react";

/** Seconds left of a wait (a resend cool-down); `start(n)` begins a new one. */
export function useCountdown(initialSeconds = 0): { left: number; start: (seconds: number) => void } {
  const [{ until, now }, setTimes] = useState(() => {
    const t = Date.now();
    return { until: t + initialSeconds * 1000, now: t };
  });
  const left = Math.max(0, Math.ceil((until - now) / 1000));
  useEffect(() => {
    if (left <= 0) return;
    const timer = setInterval(() => setTimes((times) => ({ ...times, now: Date.now() })), 1000);
    return () => clearInterval(timer);
  }, [left]);
  const start = useCallback((seconds: number) => {
    const t = Date.now();
    setTimes({ until: t + seconds * 1000, now: t });
  }, []);
  return { left, start };
}
