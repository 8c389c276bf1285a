import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ApiClient } from '../api/client';
import type { ChatStore } from '../chat/store';
import type { MediaLinks } from '../media/links';
import type { MediaLoader } from '../media/loader';

/** What the views of a logged-in user share. */
export interface Services {
  api: ApiClient;
  store: ChatStore;
  links: MediaLinks;
  loader: MediaLoader;
}

export const ServicesContext = createContext<Services | undefined>(undefined);

export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) {
    throw new Error('useServices outside the workspace');
  }
  return services;
}
