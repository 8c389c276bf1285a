import { useEffect, useState } from 'preact/hooks';

/**
 * Client routes live under /app/ (the server answers every /app/... with the page), so they can never collide
 * with an API path such as /chats/{id}.
 */
export interface Route {
  chatId?: string;
}

export const APP = '/app';

export function parse(pathname: string): Route {
  const match = /^\/app\/chats\/([0-9a-fA-F-]{36})\/?$/.exec(pathname);
  return match ? { chatId: match[1].toLowerCase() } : {};
}

export function chatPath(chatId: string): string {
  return `${APP}/chats/${chatId}`;
}

export function navigate(path: string, replace = false): void {
  if (location.pathname !== path) {
    if (replace) {
      history.replaceState(null, '', path);
    } else {
      history.pushState(null, '', path);
    }
    dispatchEvent(new PopStateEvent('popstate'));
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(location.pathname));
  useEffect(() => {
    const update = () => setRoute(parse(location.pathname));
    addEventListener('popstate', update);
    return () => removeEventListener('popstate', update);
  }, []);
  return route;
}
