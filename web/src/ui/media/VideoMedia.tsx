import { useEffect, useRef, useState } from 'preact/hooks';
import type { Message } from '../../api/types';
import { useServices } from '../services';
import { startPlayback, type Playback } from './playback';
import { useObjectUrl } from './useObjectUrl';

/** The poster with a play button; the player starts on demand. */
export function VideoMedia({ message }: { message: Message }) {
  const { links } = useServices();
  const media = message.media!;
  const video = useRef<HTMLVideoElement>(null);
  const playback = useRef<Playback | undefined>(undefined);
  const [mode, setMode] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const poster = useObjectUrl(message.id, media.variants.includes('poster') ? 'poster' : undefined);
  useEffect(() => () => playback.current?.destroy(), []);

  const play = async () => {
    setMode('starting');
    try {
      playback.current = await startPlayback(video.current!, message.id, links);
      setMode(playback.current.mode);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div class="media video" data-playback={mode}>
      <video ref={video} controls={mode !== undefined} poster={poster.url} playsInline preload="none"
             width={media.width ?? undefined} height={media.height ?? undefined} aria-label="Video" />
      {mode === undefined && (
        <button type="button" class="play" aria-label="Play video" onClick={play}>▶</button>
      )}
      {error && <span class="error" role="alert">Cannot play: {error}</span>}
    </div>
  );
}
