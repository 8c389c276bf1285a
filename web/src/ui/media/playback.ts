import type { MediaLinks } from '../../media/links';

export interface Playback {
  mode: 'hls' | 'native-hls' | 'mp4';
  destroy(): void;
}

/**
 * Plays a video: HLS through hls.js (loaded only now; it is the largest part of the client), the browser's own
 * HLS where it has one (Safari), else the MP4 variant. Links expire during long playback: a fatal network error
 * gets fresh links and resumes where it stopped.
 */
export async function startPlayback(video: HTMLVideoElement, messageId: string, links: MediaLinks): Promise<Playback> {
  const access = await links.get(messageId);
  const hls = access.variants?.hls?.url;
  if (hls) {
    const { default: Hls } = await import('hls.js');
    if (Hls.isSupported()) {
      const player = new Hls({ enableWorker: true, lowLatencyMode: false });
      let renewing = false;
      player.on(Hls.Events.ERROR, (_event, data) => {
        if (!data.fatal) {
          return;
        }
        if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
          player.recoverMediaError();
        } else if (data.type === Hls.ErrorTypes.NETWORK_ERROR && !renewing) {
          renewing = true;
          const at = video.currentTime;
          links.refresh(messageId).then((fresh) => {
            const url = fresh.variants?.hls?.url;
            if (url) {
              player.loadSource(url);
              player.startLoad(at);
            }
          }).finally(() => (renewing = false));
        }
      });
      player.loadSource(hls);
      player.attachMedia(video);
      await video.play();
      return { mode: 'hls', destroy: () => player.destroy() };
    }
    if (video.canPlayType('application/vnd.apple.mpegurl')) {
      await playFile(video, messageId, links, 'hls');
      return { mode: 'native-hls', destroy: () => video.removeAttribute('src') };
    }
  }
  await playFile(video, messageId, links, access.variants?.mp4 ? 'mp4' : 'original');
  return { mode: 'mp4', destroy: () => video.removeAttribute('src') };
}

async function playFile(video: HTMLVideoElement, messageId: string, links: MediaLinks, variant: string): Promise<void> {
  let retried = false;
  video.onerror = () => {
    if (retried) {
      return;
    }
    retried = true;
    const at = video.currentTime;
    void links.refresh(messageId).then(async () => {
      video.src = (await links.link(messageId, variant))?.url ?? '';
      video.currentTime = at;
      await video.play();
    });
  };
  video.src = (await links.link(messageId, variant))?.url ?? '';
  await video.play();
}
