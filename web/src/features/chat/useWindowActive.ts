import { useEffect, useState } from 'react';

function isActiveNow(): boolean {
  return document.visibilityState === 'visible' && document.hasFocus();
}

/**
 * True while the page is visible and its window has focus: the only time anything on screen
 * counts as read (a tab in the background, or a window behind another, is not being read).
 */
export function useWindowActive(): boolean {
  const [active, setActive] = useState(isActiveNow);
  useEffect(() => {
    let focused = document.hasFocus();
    const update = () => setActive(document.visibilityState === 'visible' && focused);
    const onFocus = () => {
      focused = true;
      update();
    };
    const onBlur = () => {
      focused = false;
      update();
    };
    window.addEventListener('focus', onFocus);
    window.addEventListener('blur', onBlur);
    document.addEventListener('visibilitychange', update);
    return () => {
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', update);
    };
  }, []);
  return active;
}
