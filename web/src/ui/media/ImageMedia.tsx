import { useRef, useState } from 'preact/hooks';
import type { Message } from '../../api/types';
import { useObjectUrl } from './useObjectUrl';

/** The 250 px thumbnail in the chat; the 800 px preview in a dialog when opened (loaded only then). */
export function ImageMedia({ message }: { message: Message }) {
  const media = message.media!;
  const dialog = useRef<HTMLDialogElement>(null);
  const [opened, setOpened] = useState(false);
  const thumb = useObjectUrl(message.id, media.variants.includes('thumbnail_250') ? 'thumbnail_250' : 'original');
  const variant = media.variants.includes('preview_800') ? 'preview_800' : 'original';
  const preview = useObjectUrl(message.id, opened ? variant : undefined);
  const open = () => {
    setOpened(true);
    dialog.current?.showModal();
  };
  return (
    <div class="media image">
      <button type="button" class="thumb" aria-label="Open photo" onClick={open}>
        {thumb.url ? <img src={thumb.url} alt="Photo" data-variant="thumbnail_250" width={250} height={250} />
          : <span class="status">{thumb.error ? 'Photo unavailable' : 'Loading photo…'}</span>}
      </button>
      <dialog ref={dialog} class="lightbox" aria-label="Photo"
              onClick={(e) => e.target === dialog.current && dialog.current?.close()}>
        {preview.url ? <img src={preview.url} alt="Photo, larger" data-variant={variant} />
          : <p class="status">{preview.error ? 'Photo unavailable' : 'Loading…'}</p>}
        <form method="dialog"><button type="submit">Close</button></form>
      </dialog>
    </div>
  );
}
