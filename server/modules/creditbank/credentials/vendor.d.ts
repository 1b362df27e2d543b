// Types for the untyped libraries the credentials code uses (only what it calls).

declare module 'jsonld' {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface CanonizeOptions {
    algorithm?: 'RDFC-1.0';
    format?: 'application/n-quads';
    documentLoader?: DocumentLoader;
    /** Fail on anything that would be dropped or made relative (default true for canonize). */
    safe?: boolean;
  }
  const jsonld: {
    canonize(input: object, options?: CanonizeOptions): Promise<string>;
  };
  export default jsonld;
}

declare module 'base58-universal' {
  export function encode(input: Uint8Array, maxline?: number): string;
  export function decode(input: string): Uint8Array;
}
