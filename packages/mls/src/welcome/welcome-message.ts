/**
 * A Welcome as sent: an MLSMessage (§6) with wire format mls_welcome. Decoding is strict; a different
 * wire format is a WELCOME-1 violation rather than a parse error, so callers can tell "not a Welcome" apart.
 */
import { Reader, encode } from "@parley/codec";
import { WireFormat, decodeMLSMessage, encodeMLSMessage } from "../codec/index.js";
import type { Welcome } from "../codec/index.js";
import { WelcomeRule, welcomeViolation } from "./rules.js";

/** Decodes an MLSMessage that must carry a Welcome; malformed bytes throw `CodecError` naming the field. */
export function decodeWelcomeMessage(bytes: Uint8Array): Welcome {
  const r = new Reader(bytes);
  const message = decodeMLSMessage(r);
  r.done("MLSMessage");
  if (message.wireFormat !== WireFormat.mlsWelcome) {
    throw welcomeViolation(
      WelcomeRule.wireFormat,
      `MLSMessage has wire format ${message.wireFormat}, not mls_welcome (${WireFormat.mlsWelcome})`,
    );
  }
  return message.welcome;
}

export function encodeWelcomeMessage(welcome: Welcome): Uint8Array {
  return encode({ wireFormat: WireFormat.mlsWelcome, welcome }, encodeMLSMessage);
}
