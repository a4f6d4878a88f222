/** A fresh key per test file, passed to worker processes the way an operator would. */
import { randomBytes } from 'node:crypto';
import { loadCodec } from '../../src/codec/keys';

export function testCodecEnv(): { PIPELINE_CODEC_KEYS: string; PIPELINE_CODEC_KEY_ID: string } {
  return {
    PIPELINE_CODEC_KEYS: JSON.stringify({ 'test-1': randomBytes(32).toString('base64') }),
    PIPELINE_CODEC_KEY_ID: 'test-1',
  };
}

export function testDataConverter(env = testCodecEnv()) {
  return { payloadCodecs: [loadCodec(env)] };
}
