import { useEffect, useRef } from 'react';

/** Emailed links carry their token in the URL fragment (#token=…), which browsers never send to a server. */
export function readFragmentToken(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const token = params.get('token')?.trim();
  return token ? token : null;
}

/** Spends a single-use token once per visit, even when React runs effects twice. */
export function useSpendTokenOnce(token: string | null, spend: (token: string) => void) {
  const spent = useRef(false);
  useEffect(() => {
    if (!token || spent.current) return;
    spent.current = true;
    spend(token);
  }, [token, spend]);
}
