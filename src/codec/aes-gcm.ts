/**
 * Payload codec: every payload (names, birth dates, family history, votes)
 * is sealed with AES-256-GCM before it leaves the process, so Temporal's
 * history, its database and its UI hold ciphertext only. The key id travels
 * in the payload's metadata: keys rotate by adding a new current key while
 * old ones stay available to decrypt what they sealed.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

const ENCODING = 'binary/encrypted';
const CIPHER = 'AES-256-GCM';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : undefined);

export class CodecKeyError extends Error {}

export class AesGcmCodec implements PayloadCodec {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly currentKeyId: string,
  ) {
    if (!keys.has(currentKeyId)) throw new CodecKeyError(`codec: the current key id '${currentKeyId}' has no key`);
    for (const [id, key] of keys)
      if (key.length !== 32) throw new CodecKeyError(`codec: key '${id}' is ${key.length} bytes; AES-256 needs 32`);
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    const key = this.keys.get(this.currentKeyId)!;
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      // The key id is authenticated too: moving a payload under another id fails to decrypt.
      cipher.setAAD(text(this.currentKeyId));
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const sealed = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: {
          encoding: text(ENCODING),
          'encryption-cipher': text(CIPHER),
          'encryption-key-id': text(this.currentKeyId),
        },
        data: sealed,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (str(payload.metadata?.encoding) !== ENCODING) return payload;
      const keyId = str(payload.metadata?.['encryption-key-id']);
      const key = keyId === undefined ? undefined : this.keys.get(keyId);
      if (!key)
        throw new CodecKeyError(`codec: no key '${keyId}' to decrypt a payload (add it to PIPELINE_CODEC_KEYS)`);
      const data = Buffer.from(payload.data ?? []);
      if (data.length < IV_BYTES + TAG_BYTES) throw new CodecKeyError('codec: encrypted payload is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAAD(text(keyId!));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      } catch {
        throw new CodecKeyError(`codec: payload sealed with key '${keyId}' failed authentication (tampered?)`);
      }
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}
