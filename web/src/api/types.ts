// The public contract (shared/API.md, GET /openapi), as the client uses it.

export type Role = 'owner' | 'admin' | 'member';
export type ResourceType = 'image' | 'video' | 'audio' | 'raw';
export type MediaStatus = 'uploading' | 'processing' | 'ready' | 'failed';

export interface User {
  id: string;
  username: string;
  displayName: string;
}

export interface Membership {
  userId: string;
  role: Role;
}

export interface Chat {
  id: string;
  title: string;
  createdAt: string;
  members: Membership[];
  lastSeq: number;
}

export interface MediaInfo {
  status: MediaStatus;
  resourceType: ResourceType;
  format: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  variants: string[];
  failureReason: string | null;
}

export interface Message {
  id: string;
  chatId: string;
  seq: number;
  authorId: string;
  kind: 'text' | 'media';
  text: string | null;
  createdAt: string;
  deleted: boolean;
  media: MediaInfo | null;
}

export interface MessagePage {
  items: Message[];
  nextBefore: number | null;
}

export type ChatEvent =
  | Envelope<'message_created' | 'media_processed' | 'media_failed', Message>
  | Envelope<'message_deleted', { messageId: string }>
  | Envelope<'member_added' | 'member_removed' | 'member_role_changed', Membership>;

interface Envelope<T extends string, D> {
  type: T;
  chatId: string;
  seq: number;
  at: string;
  data: D;
}

export interface EventPage {
  items: ChatEvent[];
  hasMore: boolean;
}

export interface Tokens {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  /** Present once the server has sessions (POST /auth/refresh). */
  refreshToken?: string;
  refreshExpiresIn?: number;
}

export interface UploadSignature {
  messageId: string;
  uploadUrl: string;
  cloudName: string;
  apiKey: string;
  timestamp: number;
  signature: string;
  signatureAlgorithm: string;
  params: Record<string, string>;
}

export interface MediaLink {
  url: string;
  format: string | null;
  width: number | null;
  height: number | null;
  bytes?: number | null;
}

export interface MediaAccess {
  messageId: string;
  status: MediaStatus;
  resourceType: ResourceType;
  expiresAt: string | null;
  original?: MediaLink;
  variants?: Record<string, MediaLink>;
}

/** RFC 9457 problem details with ChirpChat's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
}
