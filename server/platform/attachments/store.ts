/**
 * Where attachment bytes live, by content hash (the same scan uploaded twice is kept once):
 * under DATA_DIR/files/ab/cd/<sha256>, or in an S3-compatible bucket when STORAGE_URL is set
 * (requests signed with AWS Signature V4 by aws4fetch, which most Chinese object stores also accept).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AwsClient } from 'aws4fetch';

export interface BlobStore {
  readonly kind: 'disk' | 's3';
  put(sha256: string, bytes: Buffer): Promise<void>;
  get(sha256: string): Promise<Buffer | null>;
  remove(sha256: string): Promise<void>;
}

export const sha256Of = (bytes: Buffer) => crypto.createHash('sha256').update(bytes).digest('hex');

const keyOf = (sha256: string) => `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;

export class DiskStore implements BlobStore {
  readonly kind = 'disk' as const;
  constructor(private readonly root: string) {}

  async put(sha256: string, bytes: Buffer): Promise<void> {
    const target = path.join(this.root, keyOf(sha256));
    if (fs.existsSync(target)) return;
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    // Written aside and renamed, so a crash never leaves half a file under the final name.
    const temporary = `${target}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
    await fs.promises.writeFile(temporary, bytes, { mode: 0o600 });
    await fs.promises.rename(temporary, target);
  }

  async get(sha256: string): Promise<Buffer | null> {
    try {
      return await fs.promises.readFile(path.join(this.root, keyOf(sha256)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(sha256: string): Promise<void> {
    await fs.promises.rm(path.join(this.root, keyOf(sha256)), { force: true });
  }
}

export class S3Store implements BlobStore {
  readonly kind = 's3' as const;
  private readonly client: AwsClient;
  private readonly base: string;

  /** `s3+https://key:secret@host[:port]/bucket[/prefix]?region=…` (path-style addressing). */
  constructor(storageUrl: string) {
    const url = new URL(storageUrl);
    const region = url.searchParams.get('region') ?? 'us-east-1';
    this.client = new AwsClient({
      accessKeyId: decodeURIComponent(url.username),
      secretAccessKey: decodeURIComponent(url.password),
      service: 's3',
      region,
    });
    this.base = `${url.protocol === 's3+http:' ? 'http' : 'https'}://${url.host}${url.pathname.replace(/\/+$/, '')}`;
  }

  private async request(method: string, sha256: string, body?: Buffer): Promise<Response> {
    return this.client.fetch(`${this.base}/${keyOf(sha256)}`, {
      method,
      body: body ? new Uint8Array(body) : undefined,
      headers: body ? { 'content-type': 'application/octet-stream' } : undefined,
    });
  }

  async put(sha256: string, bytes: Buffer): Promise<void> {
    const response = await this.request('PUT', sha256, bytes);
    if (!response.ok) throw new Error(`S3 PUT failed: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  }

  async get(sha256: string): Promise<Buffer | null> {
    const response = await this.request('GET', sha256);
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`S3 GET failed: HTTP ${response.status}`);
    return Buffer.from(await response.arrayBuffer());
  }

  async remove(sha256: string): Promise<void> {
    const response = await this.request('DELETE', sha256);
    if (!response.ok && response.status !== 404) throw new Error(`S3 DELETE failed: HTTP ${response.status}`);
  }
}

export function openBlobStore(config: { dataDir: string; storageUrl: string | undefined }): BlobStore {
  return config.storageUrl ? new S3Store(config.storageUrl) : new DiskStore(path.join(config.dataDir, 'files'));
}
