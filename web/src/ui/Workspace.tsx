import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from '../api/client';
import type { User } from '../api/types';
import type { Session } from '../auth/session';
import { ChatStore } from '../chat/store';
import { settings } from '../config';
import { LiveSocket } from '../live/socket';
import { MediaCache } from '../media/cache';
import { MediaLinks } from '../media/links';
import { MediaLoader } from '../media/loader';
import { ChatList } from './ChatList';
import { ChatView } from './ChatView';
import { useStore } from './hooks';
import { APP, navigate, useRoute } from './router';
import { ServicesContext, type Services } from './services';

/** The logged-in page: chats on the side (or alone on a phone), the open chat beside them. */
export function Workspace({ session, me }: { session: Session; me: User }) {
  const { services, live } = useMemo(() => wire(session, me), [session, me]);
  const { store } = services;
  const [loaded, setLoaded] = useState(false);
  const route = useRoute();
  useStore(store);

  useEffect(() => {
    live.start();
    store.loadChats().catch(() => undefined).finally(() => setLoaded(true));
    const off = session.onChange((data) => data && live.reauthenticate(data.accessToken));
    return () => {
      off();
      live.stop();
    };
  }, [services]);

  useEffect(() => {
    if (location.pathname === '/' || location.pathname === '/index.html') {
      navigate(APP, true);
    }
    if (loaded) {
      void store.open(route.chatId);
    }
  }, [route.chatId, loaded]);

  const gone = loaded && route.chatId !== undefined && !store.chats.has(route.chatId);
  useEffect(() => {
    if (gone) {
      navigate(APP, true);
    }
  }, [gone]);

  const open = route.chatId ? store.chats.get(route.chatId) : undefined;
  return (
    <ServicesContext.Provider value={services}>
      <div class={`workspace ${open ? 'chat-open' : ''}`}>
        <header class="topbar">
          <a class="brand" href={APP} onClick={(e) => { e.preventDefault(); navigate(APP); }}>ChirpChat</a>
          <span class={`live live-${store.live}`} role="status" aria-label={`connection ${store.live}`}
                data-live={store.live}>{store.live === 'online' ? 'live' : store.live}</span>
          <span class="me" title={`@${me.username}`}>{me.displayName}</span>
          <button type="button" onClick={() => void session.logOut()}>Log out</button>
          {session.hasRefresh && (
            <button type="button" onClick={() => void session.logOut(true)}>Log out everywhere</button>
          )}
        </header>
        {store.notice && (
          <p class="notice" role="status">
            {store.notice} <button type="button" class="link" onClick={() => store.dismissNotice()}>Dismiss</button>
          </p>
        )}
        <aside class="sidebar" aria-label="Chats">
          <ChatList activeId={open?.chat.id} />
        </aside>
        <main class="main">
          {open ? <ChatView key={open.chat.id} entry={open} />
            : <p class="empty">{loaded ? 'Pick a chat, or start one.' : 'Loading…'}</p>}
        </main>
      </div>
    </ServicesContext.Provider>
  );
}

function wire(session: Session, me: User): { services: Services; live: LiveSocket } {
  const config = settings();
  const api = new ApiClient(session);
  const store = new ChatStore(api, me);
  const links = new MediaLinks(api);
  const loader = new MediaLoader(links, new MediaCache(config.mediaCacheBytes));
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
  const live = new LiveSocket(url, session, {
    onHello: () => void store.resync(),
    onEvent: (event) => {
      if (event.type === 'message_deleted') {
        loader.forget(event.data.messageId);
      }
      store.onEvent(event);
    },
    onState: (state) => store.setLive(state),
    onUnauthenticated: () => void session.logOut(),
  }, { backoffBaseMs: config.reconnectBaseMs, backoffMaxMs: config.reconnectMaxMs });
  return { services: { api, store, links, loader }, live };
}
