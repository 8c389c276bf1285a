import { useEffect, useState } from 'preact/hooks';
import { useServices } from '../services';

/** A cached (or freshly fetched) variant as an object URL, with the error if it could not be had. */
export function useObjectUrl(messageId: string, variant: string | undefined): { url?: string; error?: string } {
  const { loader } = useServices();
  const [state, setState] = useState<{ url?: string; error?: string }>({});
  useEffect(() => {
    if (!variant) {
      return;
    }
    let live = true;
    loader.objectUrl(messageId, variant).then((url) => live && setState({ url }),
      (e: unknown) => live && setState({ error: e instanceof Error ? e.message : String(e) }));
    return () => {
      live = false;
    };
  }, [messageId, variant]);
  return state;
}
