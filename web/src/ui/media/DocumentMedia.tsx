import { useState } from 'preact/hooks';
import type { Message } from '../../api/types';
import { formatBytes } from '../../media/kind';
import { useServices } from '../services';

/** A document: downloaded on demand, under a name with its format (the store keeps no file name). */
export function DocumentMedia({ message }: { message: Message }) {
  const { loader } = useServices();
  const media = message.media!;
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const name = `document-${message.id.slice(0, 8)}${media.format ? '.' + media.format : ''}`;
  const download = async () => {
    setState('busy');
    try {
      const blob = await loader.blob(message.id, 'original');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState('idle');
    } catch {
      setState('failed');
    }
  };
  return (
    <div class="media document">
      <svg class="doc-icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" fill="none" stroke="currentColor"
           stroke-width="1.8" stroke-linejoin="round">
        <path d="M6 2h8l5 5v15H6z" /><path d="M14 2v5h5" />
      </svg>
      <span>{media.format ? media.format.toUpperCase() : 'File'}{media.bytes !== null ? ` · ${formatBytes(media.bytes)}` : ''}</span>
      <button type="button" onClick={download} disabled={state === 'busy'}>
        {state === 'busy' ? 'Downloading…' : 'Download'}
      </button>
      {state === 'failed' && <span class="error" role="alert">Download failed</span>}
    </div>
  );
}
