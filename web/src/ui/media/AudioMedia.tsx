import type { Message } from '../../api/types';
import { useObjectUrl } from './useObjectUrl';

/** The waveform picture over a player of the MP3. */
export function AudioMedia({ message }: { message: Message }) {
  const media = message.media!;
  const waveform = useObjectUrl(message.id, media.variants.includes('waveform') ? 'waveform' : undefined);
  const audio = useObjectUrl(message.id, media.variants.includes('mp3') ? 'mp3' : 'original');
  return (
    <div class="media audio">
      {waveform.url && <img class="waveform" src={waveform.url} alt="Waveform" data-variant="waveform" />}
      {audio.url ? <audio controls preload="metadata" src={audio.url} data-variant="mp3" />
        : <span class="status">{audio.error ? 'Audio unavailable' : 'Loading audio…'}</span>}
      {media.durationSeconds !== null && <span class="status">{media.durationSeconds.toFixed(1)} s</span>}
    </div>
  );
}
