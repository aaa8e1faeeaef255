import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

// After a navigation inside the SPA, focus goes to the new page's h1 (see PageHeading). A page that
// is still loading its code has no h1 yet: the request waits here until its heading mounts.

let headingFocusPending = false;

export function requestHeadingFocus(): void {
  headingFocusPending = true;
}

export function cancelHeadingFocus(): void {
  headingFocusPending = false;
}

/** True once after requestHeadingFocus(): the heading that mounts next takes the focus. */
export function takeHeadingFocus(): boolean {
  const pending = headingFocusPending;
  headingFocusPending = false;
  return pending;
}

/** Moves focus to an element that is not focusable by itself (a status message, a heading). */
export function focusElement(element: HTMLElement | null | undefined): void {
  if (element == null) return;
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus();
}

/**
 * Focus for a message shown after an action: calling the returned function moves the focus to `ref` once React has
 * rendered the change - after a closing dialog has given the focus back to its opener, which may
 * be gone with what the action removed.
 */
export function useFocusAfterRender<T extends HTMLElement>(): [RefObject<T | null>, () => void] {
  const ref = useRef<T>(null);
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests > 0) focusElement(ref.current);
  }, [requests]);
  const focusSoon = useCallback(() => {
    setRequests((count) => count + 1);
  }, []);
  return [ref, focusSoon];
}
