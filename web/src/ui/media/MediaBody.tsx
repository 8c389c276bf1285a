import type { Message } from '../../api/types';
import type { PendingUpload } from '../../chat/uploads';
import { useServices } from '../services';
import { AudioMedia } from './AudioMedia';
import { DocumentMedia } from './DocumentMedia';
import { ImageMedia } from './ImageMedia';
import { VideoMedia } from './VideoMedia';

/** A media message in whatever state it is: uploading (with this page's progress), processing, failed or ready. */
export function MediaBody({ message }: { message: Message }) {
  const { store } = useServices();
  useStoreVersion();
  const media = message.media!;
  const upload = store.uploads.byMessage(message.id);
  if (upload?.state === 'failed') {
    return (
      <div class="media placeholder failed">
        <span class="error" role="alert">{upload.error}</span>
        <button type="button" onClick={() => store.uploads.retry(upload.localId)}>Retry upload</button>
      </div>
    );
  }
  switch (media.status) {
    case 'uploading':
    case 'processing':
      return (
        <div class="media placeholder">
          {upload?.previewUrl && <img class="local-preview" src={upload.previewUrl} alt="" />}
          <span>{upload ? upload.file.name : label(media.resourceType)}</span>
          {upload ? <Progress upload={upload} /> : <span class="status">{media.status === 'uploading' ? 'Uploading…' : 'Processing…'}</span>}
        </div>
      );
    case 'failed':
      return <div class="media placeholder failed"><span class="error">Media failed: {media.failureReason ?? 'unknown reason'}</span></div>;
    case 'ready':
      switch (media.resourceType) {
        case 'image':
          return <ImageMedia message={message} />;
        case 'video':
          return <VideoMedia message={message} />;
        case 'audio':
          return <AudioMedia message={message} />;
        default:
          return <DocumentMedia message={message} />;
      }
  }
}

export function Progress({ upload }: { upload: PendingUpload }) {
  const text = upload.state === 'preparing' ? 'Preparing…' : upload.state === 'processing' ? 'Processing…'
    : `Uploading ${Math.floor(upload.progress * 100)}%`;
  return (
    <span class="progress">
      <progress max={1} value={upload.state === 'preparing' ? undefined : upload.progress}
                aria-label={`Upload of ${upload.file.name}`} />
      <span class="status">{text}</span>
    </span>
  );
}

function label(type: string): string {
  return ({ image: 'Photo', video: 'Video', audio: 'Audio', raw: 'Document' } as Record<string, string>)[type] ?? type;
}

/** Upload progress lives in the store: re-render with it. */
function useStoreVersion(): void {
  const { store } = useServices();
  void store.version;
}
