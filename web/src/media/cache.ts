/**
 * Media bytes kept in IndexedDB, keyed by message id and variant. Delivery URLs expire after minutes and are
 * re-signed on every `GET /media/{id}`, so the browser's HTTP cache (keyed by URL, and told `no-store`) never
 * hits; this cache makes a re-signed URL cost nothing. Oldest entries go first when it grows past its budget.
 */
export class MediaCache {
  private db: Promise<IDBDatabase | undefined> | undefined;

  constructor(private readonly budgetBytes: number, private readonly name = 'chirpchat-media') {}

  async get(messageId: string, variant: string): Promise<Blob | undefined> {
    const db = await this.open();
    if (!db) {
      return undefined;
    }
    const entry = await promised<Entry | undefined>(db.transaction('blobs').objectStore('blobs').get(key(messageId, variant)));
    return entry?.blob;
  }

  async put(messageId: string, variant: string, blob: Blob): Promise<void> {
    const db = await this.open();
    if (!db || blob.size > this.budgetBytes / 4) {
      return;
    }
    const entry: Entry = { key: key(messageId, variant), messageId, blob, size: blob.size, storedAt: Date.now() };
    await done(tx(db, 'readwrite', (store) => store.put(entry)));
    await this.evict(db);
  }

  /** Forgets every variant of a message (it was deleted). */
  async forget(messageId: string): Promise<void> {
    const db = await this.open();
    if (!db) {
      return;
    }
    const transaction = db.transaction('blobs', 'readwrite');
    const store = transaction.objectStore('blobs');
    const cursor = store.index('messageId').openKeyCursor(IDBKeyRange.only(messageId));
    cursor.onsuccess = () => {
      if (cursor.result) {
        store.delete(cursor.result.primaryKey);
        cursor.result.continue();
      }
    };
    await done(transaction);
  }

  private async evict(db: IDBDatabase): Promise<void> {
    const all = await promised<Entry[]>(db.transaction('blobs').objectStore('blobs').getAll());
    let total = all.reduce((sum, e) => sum + e.size, 0);
    const victims: string[] = [];
    for (const entry of all.sort((a, b) => a.storedAt - b.storedAt)) {
      if (total <= this.budgetBytes) {
        break;
      }
      victims.push(entry.key);
      total -= entry.size;
    }
    if (victims.length) {
      await done(tx(db, 'readwrite', (store) => victims.forEach((k) => store.delete(k))));
    }
  }

  private open(): Promise<IDBDatabase | undefined> {
    this.db ??= new Promise((resolve) => {
      if (!globalThis.indexedDB) {
        resolve(undefined);
        return;
      }
      const request = indexedDB.open(this.name, 1);
      request.onupgradeneeded = () => {
        const store = request.result.createObjectStore('blobs', { keyPath: 'key' });
        store.createIndex('messageId', 'messageId');
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(undefined); // private mode and the like: work without a cache
    });
    return this.db;
  }
}

interface Entry {
  key: string;
  messageId: string;
  blob: Blob;
  size: number;
  storedAt: number;
}

function key(messageId: string, variant: string): string {
  return `${messageId}:${variant}`;
}

function tx(db: IDBDatabase, mode: IDBTransactionMode, work: (store: IDBObjectStore) => unknown): IDBTransaction {
  const transaction = db.transaction('blobs', mode);
  work(transaction.objectStore('blobs'));
  return transaction;
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}

function promised<T>(request: IDBRequest): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result as T);
    request.onerror = () => reject(request.error);
  });
}
