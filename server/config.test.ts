import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('configuration by environment', () => {
  it('defaults: port 3000 on 127.0.0.1, the embedded database under ./data', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: path.resolve('data'),
      publicUrl: 'http://127.0.0.1:3000',
    });
  });

  it('reads PORT, HOST, DATABASE_URL and DATA_DIR', () => {
    const config = readConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://sitong@db.example:5432/sitong',
      DATA_DIR: '/var/lib/sitong',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: 'postgres://sitong@db.example:5432/sitong',
      dataDir: '/var/lib/sitong',
    });
  });

  it('an empty DATABASE_URL means the embedded database', () => {
    expect(readConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('refuses a port that is not a number, naming the variable', () => {
    expect(() => readConfig({ PORT: 'http' })).toThrow(/PORT must be a non-negative integer/);
    expect(() => readConfig({ PORT: '-1' })).toThrow(/PORT/);
  });

  it('STORAGE_URL chooses an S3-compatible bucket for attachments and must carry key, secret and bucket', () => {
    expect(readConfig({}).storageUrl).toBeUndefined();
    expect(readConfig({ STORAGE_URL: 's3+https://AK:SK@oss.example.com/sitong-files' }).storageUrl).toBe(
      's3+https://AK:SK@oss.example.com/sitong-files',
    );
    for (const bad of ['https://oss.example.com/b', 's3+https://oss.example.com/b', 's3+https://AK:SK@oss.example.com/', 'not a url']) {
      expect(() => readConfig({ STORAGE_URL: bad }), bad).toThrow(/STORAGE_URL/);
    }
    expect(readConfig({}).attachmentMaxBytes).toBe(10 * 1024 * 1024);
  });
});

describe('production start', () => {
  it('keeps the demo data on by default, off in production, and refuses it there', () => {
    expect(readConfig({}).loadDemoData).toBe(true);
    expect(readConfig({ DEMO_DATA: 'off' }).loadDemoData).toBe(false);
    expect(readConfig({ NODE_ENV: 'production' })).toMatchObject({ loadDemoData: false, production: true });
    expect(readConfig({ NODE_ENV: 'production', DEMO_DATA: 'off' }).loadDemoData).toBe(false);
    expect(() => readConfig({ NODE_ENV: 'production', DEMO_DATA: 'on' })).toThrow(/NODE_ENV=production.*DEMO_DATA=on/s);
  });

  it('TRUST_PROXY: off by default; on, a hop count, or proxy addresses; anything else refused', () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: 'on' }).trustProxy).toBe(true);
    const hops = readConfig({ TRUST_PROXY: '2' }).trustProxy as (address: string, hop: number) => boolean;
    expect([hops('10.0.0.1', 0), hops('10.0.0.2', 1), hops('203.0.113.1', 2)]).toEqual([true, true, false]);
    expect(readConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
    expect(() => readConfig({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });

  it('keeps the key file where SITONG_KEY_FILE says, under DATA_DIR otherwise', () => {
    expect(readConfig({ DATA_DIR: '/var/lib/sitong' }).keyFile).toBe(path.resolve('/var/lib/sitong/secret.key'));
    expect(readConfig({ SITONG_KEY_FILE: '/etc/sitong/master.key' }).keyFile).toBe('/etc/sitong/master.key');
  });
});
