import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { AesGcmCodec, CodecKeyError } from '../../src/codec/aes-gcm';
import { loadCodec } from '../../src/codec/keys';

const key = () => randomBytes(32);
const person = defaultPayloadConverter.toPayload({ fullName: 'Nguyễn Thị Hoa', birthDate: '1995-04-12' });

describe('AES-256-GCM payload codec', () => {
  test('round-trips a payload and leaves no clear text in the sealed bytes', async () => {
    const codec = new AesGcmCodec(new Map([['k1', key()]]), 'k1');
    const [sealed] = await codec.encode([person]);
    expect(Buffer.from(sealed!.data!).toString('utf8')).not.toContain('Hoa');
    expect(Buffer.from(sealed!.metadata!['encryption-key-id']!).toString()).toBe('k1');
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual({
      fullName: 'Nguyễn Thị Hoa',
      birthDate: '1995-04-12',
    });
  });

  test('keys rotate: a payload sealed under the old key opens after a new key becomes current', async () => {
    const k1 = key();
    const [old] = await new AesGcmCodec(new Map([['k1', k1]]), 'k1').encode([person]);
    const rotated = new AesGcmCodec(
      new Map([
        ['k1', k1],
        ['k2', key()],
      ]),
      'k2',
    );
    const [fresh] = await rotated.encode([person]);
    expect(Buffer.from(fresh!.metadata!['encryption-key-id']!).toString()).toBe('k2');
    const opened = await rotated.decode([old!, fresh!]);
    expect(opened.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      { fullName: 'Nguyễn Thị Hoa', birthDate: '1995-04-12' },
      { fullName: 'Nguyễn Thị Hoa', birthDate: '1995-04-12' },
    ]);
  });

  test('a missing key, a flipped bit and a relabelled key id are refused with a clear error', async () => {
    const [sealed] = await new AesGcmCodec(new Map([['k1', key()]]), 'k1').encode([person]);
    await expect(new AesGcmCodec(new Map([['k9', key()]]), 'k9').decode([sealed!])).rejects.toThrow(
      "no key 'k1' to decrypt",
    );
    const k1 = key();
    const codec = new AesGcmCodec(
      new Map([
        ['k1', k1],
        ['k2', k1],
      ]),
      'k1',
    );
    const [mine] = await codec.encode([person]);
    const tampered = { ...mine!, data: Buffer.from(mine!.data!) };
    tampered.data[20]! ^= 1;
    await expect(codec.decode([tampered])).rejects.toThrow('failed authentication');
    const relabelled = { ...mine!, metadata: { ...mine!.metadata, 'encryption-key-id': Buffer.from('k2') } };
    await expect(codec.decode([relabelled])).rejects.toThrow("key 'k2' failed authentication");
  });

  test('payloads that were never sealed pass through (histories from before the codec)', async () => {
    const codec = new AesGcmCodec(new Map([['k1', key()]]), 'k1');
    expect(await codec.decode([person])).toEqual([person]);
  });
});

describe('codec keys from the environment', () => {
  test.each([
    [{ PIPELINE_CODEC_KEYS: 'nope' }, /PIPELINE_CODEC_KEYS is not JSON/],
    [{ PIPELINE_CODEC_KEYS: JSON.stringify({ k1: 'c2hvcnQ=' }) }, /PIPELINE_CODEC_KEYS\.k1: each key must be 32 bytes/],
    [
      { PIPELINE_CODEC_KEYS: JSON.stringify({ a: key().toString('base64'), b: key().toString('base64') }) },
      /PIPELINE_CODEC_KEY_ID must name one of the keys/,
    ],
  ])('%j is refused', (env, message) => {
    expect(() => loadCodec(env)).toThrow(CodecKeyError);
    expect(() => loadCodec(env)).toThrow(message);
  });

  test('a development machine gets a key file of its own, private to the user, reused on the next start', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'codec-')), '.data', 'codec-keys.json');
    const first = loadCodec({}, file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [sealed] = await first.encode([person]);
    const again = loadCodec({}, file);
    const [opened] = await again.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(defaultPayloadConverter.fromPayload(person));
    expect(JSON.parse(readFileSync(file, 'utf8')).current).toBe('dev-1');
  });
});
